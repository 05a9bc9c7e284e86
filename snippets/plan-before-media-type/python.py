"""A Starter key submits a job as plain text: the plan is judged before the media type."""

import os

import httpx

base_url = os.environ.get("TRUSTLEADS_BASE_URL", "https://api.trustleads.ai/v1").rstrip("/")
api_key = os.environ.get("TRUSTLEADS_API_KEY", "lfk_sk_your_api_key")

response = httpx.post(
    f"{base_url}/jobs",
    headers={"Authorization": f"Bearer {api_key}", "Content-Type": "text/plain"},
    content="ada@example.com",
)
print(response.status_code)
print(response.text)
