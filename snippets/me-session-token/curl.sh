#!/bin/sh
# Read the plan and scopes behind a dashboard session token.
curl --silent --show-error --include \
  --header "Authorization: Bearer $TRUSTLEADS_SESSION_TOKEN" \
  "${TRUSTLEADS_BASE_URL:-https://api.trustleads.ai/v1}/me"
