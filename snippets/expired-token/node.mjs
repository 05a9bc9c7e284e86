// Call the API with a session token more than 1 hour old.
const baseUrl = (process.env.TRUSTLEADS_BASE_URL ?? "https://api.trustleads.ai/v1").replace(/\/+$/, "");
const sessionToken = process.env.TRUSTLEADS_SESSION_TOKEN;
if (!sessionToken) {
  console.error("Set TRUSTLEADS_SESSION_TOKEN to a session token issued more than 1 hour ago.");
  process.exit(1);
}

const response = await fetch(`${baseUrl}/me`, {
  headers: { Authorization: `Bearer ${sessionToken}` },
  redirect: "manual",
});
console.log(response.status);
console.log(await response.text());
