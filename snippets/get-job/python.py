"""Read one job by its id, to follow its status."""

import os
import sys

import httpx

base_url = os.environ.get("TRUSTLEADS_BASE_URL", "https://api.trustleads.ai/v1").rstrip("/")
api_key = os.environ.get("TRUSTLEADS_API_KEY", "lfk_sk_your_api_key")
job_id = os.environ.get("TRUSTLEADS_JOB_ID")
if not job_id:
    sys.exit("Set TRUSTLEADS_JOB_ID to the id of one of your jobs.")

response = httpx.get(f"{base_url}/jobs/{job_id}", headers={"Authorization": f"Bearer {api_key}"})
print(response.status_code)
print(response.text)
