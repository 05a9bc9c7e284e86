"""Call the API over plain HTTP: it answers with a redirect to HTTPS."""

import os

import httpx

base_url = os.environ.get("TRUSTLEADS_BASE_URL", "http://api.trustleads.ai/v1")

response = httpx.get(f"{base_url}/jobs")
print(response.status_code)
print(response.headers["Location"])
