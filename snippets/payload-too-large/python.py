"""Submit a job with more data than the API accepts."""

import os

import httpx

base_url = os.environ.get("TRUSTLEADS_BASE_URL", "https://api.trustleads.ai/v1").rstrip("/")
api_key = os.environ.get("TRUSTLEADS_API_KEY", "lfk_sk_your_api_key")
leads = [{"email": f"lead{number}@example.com"} for number in range(1, 4001)]

response = httpx.post(
    f"{base_url}/jobs",
    headers={"Authorization": f"Bearer {api_key}"},
    json={"leads": leads},
)
print(response.status_code)
print(response.text)
