// Try to replace one job.
const baseUrl = (process.env.TRUSTLEADS_BASE_URL ?? "https://api.trustleads.ai/v1").replace(/\/+$/, "");
const apiKey = process.env.TRUSTLEADS_API_KEY ?? "lfk_sk_your_api_key";

const response = await fetch(`${baseUrl}/jobs/job_0000000000000000`, {
  method: "PUT",
  headers: { Authorization: `Bearer ${apiKey}` },
  redirect: "manual",
});
console.log(response.status);
console.log(await response.text());
