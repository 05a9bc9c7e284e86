// Ask which plan and scopes your key has before you call what needs them.
const baseUrl = (process.env.TRUSTLEADS_BASE_URL ?? "https://api.trustleads.ai/v1").replace(/\/+$/, "");
const credential = process.env.TRUSTLEADS_API_KEY ?? "lfk_sk_your_api_key";

const response = await fetch(`${baseUrl}/me`, {
  method: "GET",
  headers: {
    "Authorization": `Bearer ${credential}`,
  },
  redirect: "manual",
});
console.log(response.status);
console.log(await response.text());
