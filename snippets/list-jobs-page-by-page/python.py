"""Read every job, one per page: each next page starts after the last id received."""

import os

import httpx

base_url = os.environ.get("TRUSTLEADS_BASE_URL", "https://api.trustleads.ai/v1").rstrip("/")
api_key = os.environ.get("TRUSTLEADS_API_KEY", "lfk_sk_your_api_key")

params = {"limit": 1}
while True:
    response = httpx.get(
        f"{base_url}/jobs", params=params, headers={"Authorization": f"Bearer {api_key}"}
    )
    print(response.status_code)
    print(response.text)
    response.raise_for_status()
    page = response.json()
    if not page["has_more"]:
        break
    params["starting_after"] = page["data"][-1]["id"]
