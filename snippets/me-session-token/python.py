"""Try the dashboard's browser call from a terminal, with a session token it holds."""

# Only to test the call: a session token expires within the hour, so server code uses a key.
import os
import sys

import httpx

base_url = os.environ.get("TRUSTLEADS_BASE_URL", "https://api.trustleads.ai/v1").rstrip("/")
session_token = os.environ.get("TRUSTLEADS_SESSION_TOKEN")
if not session_token:
    sys.exit("Set TRUSTLEADS_SESSION_TOKEN to a dashboard session token.")

response = httpx.get(f"{base_url}/me", headers={"Authorization": f"Bearer {session_token}"})
print(response.status_code)
print(response.text)
