"""Try to delete your plan, without credentials."""

import os

import httpx

base_url = os.environ.get("TRUSTLEADS_BASE_URL", "https://api.trustleads.ai/v1").rstrip("/")

response = httpx.delete(f"{base_url}/me")
print(response.status_code)
print(response.text)
