// Call the API without credentials.
const baseUrl = (process.env.TRUSTLEADS_BASE_URL ?? "https://api.trustleads.ai/v1").replace(/\/+$/, "");

const response = await fetch(`${baseUrl}/jobs`);
console.log(response.status);
console.log(await response.text());
