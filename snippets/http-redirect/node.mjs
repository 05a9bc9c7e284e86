// Call the API over plain HTTP: it answers with a redirect to HTTPS.
const baseUrl = process.env.TRUSTLEADS_BASE_URL ?? "http://api.trustleads.ai/v1";

const response = await fetch(`${baseUrl}/jobs`, {
  redirect: "manual",
});
console.log(response.status);
console.log(response.headers.get("location"));
