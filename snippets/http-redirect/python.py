"""Call the API over plain HTTP: it answers with a redirect to HTTPS."""

import os

import httpx

base_url = os.environ.get("TRUSTLEADS_BASE_URL", "https://api.trustleads.ai/v1").rstrip("/")
# The same address with http:// in front, whichever scheme the variable holds.
http_url = "http://" + base_url.split("://", 1)[-1]

response = httpx.get(f"{http_url}/jobs")
print(response.status_code)
print("Location:", response.headers.get("Location"))
