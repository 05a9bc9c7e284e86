// Read the plan and scopes behind a dashboard session token.
const baseUrl = process.env.TRUSTLEADS_BASE_URL ?? "https://api.trustleads.ai/v1";
const sessionToken = process.env.TRUSTLEADS_SESSION_TOKEN;

const response = await fetch(`${baseUrl}/me`, {
  headers: { Authorization: `Bearer ${sessionToken}` },
});
console.log(response.status);
console.log(await response.text());
