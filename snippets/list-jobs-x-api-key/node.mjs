// List your enrichment jobs, sending the key in the X-API-Key header.
const baseUrl = (process.env.TRUSTLEADS_BASE_URL ?? "https://api.trustleads.ai/v1").replace(/\/+$/, "");
const apiKey = process.env.TRUSTLEADS_API_KEY ?? "lfk_sk_your_api_key";

const response = await fetch(`${baseUrl}/jobs`, {
  headers: { "X-API-Key": apiKey },
  // fetch would keep X-API-Key on a redirect to another host: show the redirect instead.
  redirect: "manual",
});
console.log(response.status);
console.log(await response.text());
