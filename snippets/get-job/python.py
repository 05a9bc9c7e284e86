"""Read one job by its id, to follow its status."""

import os

import httpx

base_url = os.environ.get("TRUSTLEADS_BASE_URL", "https://api.trustleads.ai/v1")
api_key = os.environ.get("TRUSTLEADS_API_KEY", "lfk_sk_your_api_key")
job_id = os.environ["TRUSTLEADS_JOB_ID"]

response = httpx.get(f"{base_url}/jobs/{job_id}", headers={"Authorization": f"Bearer {api_key}"})
print(response.status_code)
print(response.text)
