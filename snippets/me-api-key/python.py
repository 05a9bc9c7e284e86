"""Ask which plan and scopes your key has before you call what needs them."""

import os

import httpx

base_url = os.environ.get("TRUSTLEADS_BASE_URL", "https://api.trustleads.ai/v1").rstrip("/")
credential = os.environ.get("TRUSTLEADS_API_KEY", "lfk_sk_your_api_key")

response = httpx.request(
    "GET",
    f"{base_url}/me",
    headers={"Authorization": f"Bearer {credential}"},
)
print(response.status_code)
print(response.text)
