// Send an unknown key until the API throttles this client, then say how long to wait.
const baseUrl = (process.env.TRUSTLEADS_BASE_URL ?? "https://api.trustleads.ai/v1").replace(/\/+$/, "");
const apiKey = process.env.TRUSTLEADS_API_KEY ?? "lfk_sk_your_api_key";

const maxAttempts = 61;

let response;
for (let attempt = 0; attempt < maxAttempts; attempt++) {
  response = await fetch(`${baseUrl}/jobs`, {
    headers: { Authorization: `Bearer ${apiKey}` },
    redirect: "manual",
  });
  if (response.status === 429) break;
}
console.log(response.status, "retry after", response.headers.get("retry-after"), "seconds");
console.log(await response.text());
