// Read every job, one per page: each next page starts after the last id received.
const baseUrl = (process.env.TRUSTLEADS_BASE_URL ?? "https://api.trustleads.ai/v1").replace(/\/+$/, "");
const apiKey = process.env.TRUSTLEADS_API_KEY ?? "lfk_sk_your_api_key";

const params = new URLSearchParams({ limit: "1" });
for (;;) {
  const response = await fetch(`${baseUrl}/jobs?${params}`, {
    headers: { Authorization: `Bearer ${apiKey}` },
    redirect: "manual",
  });
  const text = await response.text();
  console.log(response.status);
  console.log(text);
  if (!response.ok) process.exit(1);
  const page = JSON.parse(text);
  if (!page.has_more) break;
  params.set("starting_after", page.data.at(-1).id);
}
