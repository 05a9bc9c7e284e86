// Read one job by its id, to follow its status.
const baseUrl = (process.env.TRUSTLEADS_BASE_URL ?? "https://api.trustleads.ai/v1").replace(/\/+$/, "");
const apiKey = process.env.TRUSTLEADS_API_KEY ?? "lfk_sk_your_api_key";
const jobId = process.env.TRUSTLEADS_JOB_ID;
if (!jobId) {
  console.error("Set TRUSTLEADS_JOB_ID to the id of one of your jobs.");
  process.exit(1);
}

const response = await fetch(`${baseUrl}/jobs/${jobId}`, {
  headers: { Authorization: `Bearer ${apiKey}` },
  redirect: "manual",
});
console.log(response.status);
console.log(await response.text());
