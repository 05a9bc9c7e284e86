"""List your enrichment jobs, sending the key in the X-API-Key header."""

import os

import httpx

base_url = os.environ.get("TRUSTLEADS_BASE_URL", "https://api.trustleads.ai/v1").rstrip("/")
api_key = os.environ.get("TRUSTLEADS_API_KEY", "lfk_sk_your_api_key")

response = httpx.get(f"{base_url}/jobs", headers={"X-API-Key": api_key})
print(response.status_code)
print(response.text)
