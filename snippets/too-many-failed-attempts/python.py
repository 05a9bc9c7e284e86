"""Send an unknown key until the API throttles this client, then say how long to wait."""

import os

import httpx

base_url = os.environ.get("TRUSTLEADS_BASE_URL", "https://api.trustleads.ai/v1").rstrip("/")
api_key = os.environ.get("TRUSTLEADS_API_KEY", "lfk_sk_your_api_key")

max_attempts = 61

with httpx.Client(headers={"Authorization": f"Bearer {api_key}"}) as client:
    for _attempt in range(max_attempts):
        response = client.get(f"{base_url}/jobs")
        if response.status_code == 429:
            break
print(response.status_code, "retry after", response.headers.get("Retry-After"), "seconds")
print(response.text)
