"""Read the plan and scopes behind a dashboard session token."""

import os

import httpx

base_url = os.environ.get("TRUSTLEADS_BASE_URL", "https://api.trustleads.ai/v1")
session_token = os.environ["TRUSTLEADS_SESSION_TOKEN"]

response = httpx.get(f"{base_url}/me", headers={"Authorization": f"Bearer {session_token}"})
print(response.status_code)
print(response.text)
