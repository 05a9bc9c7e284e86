"""Try to replace one job."""

import os

import httpx

base_url = os.environ.get("TRUSTLEADS_BASE_URL", "https://api.trustleads.ai/v1").rstrip("/")
api_key = os.environ.get("TRUSTLEADS_API_KEY", "lfk_sk_your_api_key")

response = httpx.put(
    f"{base_url}/jobs/job_0000000000000000",
    headers={"Authorization": f"Bearer {api_key}"},
)
print(response.status_code)
print(response.text)
