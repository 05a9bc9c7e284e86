"""Send two different keys, one in each header."""

import os
import sys

import httpx

base_url = os.environ.get("TRUSTLEADS_BASE_URL", "https://api.trustleads.ai/v1").rstrip("/")
api_key = os.environ.get("TRUSTLEADS_API_KEY", "lfk_sk_your_api_key")
other_key = os.environ.get("TRUSTLEADS_OTHER_API_KEY")
if not other_key:
    sys.exit("Set TRUSTLEADS_OTHER_API_KEY to a second key, different from TRUSTLEADS_API_KEY.")

response = httpx.get(
    f"{base_url}/jobs",
    headers={"Authorization": f"Bearer {api_key}", "X-API-Key": other_key},
)
print(response.status_code)
print(response.text)
