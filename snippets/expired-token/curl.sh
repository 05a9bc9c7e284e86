#!/bin/sh
# Call the API with a session token more than 1 hour old.
curl --silent --show-error --include \
  --header "Authorization: Bearer $TRUSTLEADS_SESSION_TOKEN" \
  "${TRUSTLEADS_BASE_URL:-https://api.trustleads.ai/v1}/me"
