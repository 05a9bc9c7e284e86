"""Call the API without credentials."""

import os

import httpx

base_url = os.environ.get("TRUSTLEADS_BASE_URL", "https://api.trustleads.ai/v1").rstrip("/")

response = httpx.get(f"{base_url}/jobs")
print(response.status_code)
print(response.text)
