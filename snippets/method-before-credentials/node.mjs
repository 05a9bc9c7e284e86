// Try to delete your plan, without credentials.
const baseUrl = (process.env.TRUSTLEADS_BASE_URL ?? "https://api.trustleads.ai/v1").replace(/\/+$/, "");

const response = await fetch(`${baseUrl}/me`, { method: "DELETE", redirect: "manual" });
console.log(response.status);
console.log(await response.text());
