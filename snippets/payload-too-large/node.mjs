// Submit a job with more data than the API accepts.
const baseUrl = (process.env.TRUSTLEADS_BASE_URL ?? "https://api.trustleads.ai/v1").replace(/\/+$/, "");
const apiKey = process.env.TRUSTLEADS_API_KEY ?? "lfk_sk_your_api_key";
const leads = Array.from({ length: 4000 }, (_, i) => ({ email: `lead${i + 1}@example.com` }));

const response = await fetch(`${baseUrl}/jobs`, {
  method: "POST",
  headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
  body: JSON.stringify({ leads }),
  redirect: "manual",
});
console.log(response.status);
console.log(await response.text());
