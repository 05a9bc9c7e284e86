"""Call the API with a session token more than 1 hour old."""

import os
import sys

import httpx

base_url = os.environ.get("TRUSTLEADS_BASE_URL", "https://api.trustleads.ai/v1").rstrip("/")
session_token = os.environ.get("TRUSTLEADS_SESSION_TOKEN")
if not session_token:
    sys.exit("Set TRUSTLEADS_SESSION_TOKEN to a session token issued more than 1 hour ago.")

response = httpx.get(f"{base_url}/me", headers={"Authorization": f"Bearer {session_token}"})
print(response.status_code)
print(response.text)
