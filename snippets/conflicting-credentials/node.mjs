// Send two different keys, one in each header.
const baseUrl = (process.env.TRUSTLEADS_BASE_URL ?? "https://api.trustleads.ai/v1").replace(/\/+$/, "");
const apiKey = process.env.TRUSTLEADS_API_KEY ?? "lfk_sk_your_api_key";
const otherKey = process.env.TRUSTLEADS_OTHER_API_KEY;
if (!otherKey) {
  console.error("Set TRUSTLEADS_OTHER_API_KEY to a second key, different from TRUSTLEADS_API_KEY.");
  process.exit(1);
}

const response = await fetch(`${baseUrl}/jobs`, {
  headers: { Authorization: `Bearer ${apiKey}`, "X-API-Key": otherKey },
  // fetch would keep X-API-Key on a redirect to another host: show the redirect instead.
  redirect: "manual",
});
console.log(response.status);
console.log(await response.text());
