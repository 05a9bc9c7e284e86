// A Starter key submits a job as plain text: the plan is judged before the media type.
const baseUrl = (process.env.TRUSTLEADS_BASE_URL ?? "https://api.trustleads.ai/v1").replace(/\/+$/, "");
const apiKey = process.env.TRUSTLEADS_API_KEY ?? "lfk_sk_your_api_key";

const response = await fetch(`${baseUrl}/jobs`, {
  method: "POST",
  headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "text/plain" },
  body: "ada@example.com",
  redirect: "manual",
});
console.log(response.status);
console.log(await response.text());
