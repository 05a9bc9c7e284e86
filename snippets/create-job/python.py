"""Submit an enrichment job with a Pro-plan key."""

import os

import httpx

base_url = os.environ.get("TRUSTLEADS_BASE_URL", "https://api.trustleads.ai/v1").rstrip("/")
api_key = os.environ.get("TRUSTLEADS_API_KEY", "lfk_sk_your_api_key")

response = httpx.post(
    f"{base_url}/jobs",
    headers={"Authorization": f"Bearer {api_key}"},
    json={"name": "Webinar sign-ups", "leads": [{"email": "ada@example.com"}]},
)
print(response.status_code)
print(response.text)
