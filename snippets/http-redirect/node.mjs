// Call the API over plain HTTP: it answers with a redirect to HTTPS.
const baseUrl = (process.env.TRUSTLEADS_BASE_URL ?? "https://api.trustleads.ai/v1").replace(/\/+$/, "");
// The same address with http:// in front, whichever scheme the variable holds.
const httpUrl = baseUrl.replace(/^[a-z]+:\/\//, "http://");

const response = await fetch(`${httpUrl}/jobs`, { redirect: "manual" });
console.log(response.status);
console.log("Location:", response.headers.get("location"));
