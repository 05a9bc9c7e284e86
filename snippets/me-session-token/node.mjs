// What the dashboard's browser code does: read the plan and scopes of the signed-in user.
// A session token lives in the browser and expires within the hour; server code uses a key.
async function readPlan(baseUrl, sessionToken) {
  const response = await fetch(`${baseUrl}/me`, {
    headers: { Authorization: `Bearer ${sessionToken}` },
    redirect: "manual",
  });
  console.log(response.status);
  console.log(await response.text());
}

// To try the call from a terminal, with a token the dashboard holds:
const baseUrl = (process.env.TRUSTLEADS_BASE_URL ?? "https://api.trustleads.ai/v1").replace(/\/+$/, "");
const sessionToken = process.env.TRUSTLEADS_SESSION_TOKEN;
if (!sessionToken) {
  console.error("Set TRUSTLEADS_SESSION_TOKEN to a dashboard session token.");
  process.exit(1);
}
await readPlan(baseUrl, sessionToken);
