#!/bin/sh
# Try the dashboard's browser call from a terminal, with a session token it holds.
# Only to test the call: a session token expires within the hour, so server code uses a key.
base_url="${TRUSTLEADS_BASE_URL:-https://api.trustleads.ai/v1}"
curl --silent --show-error --include \
  --header "Authorization: Bearer ${TRUSTLEADS_SESSION_TOKEN:?set it to a dashboard session token}" \
  "${base_url%/}/me"
