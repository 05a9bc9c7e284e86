#!/bin/sh
# Call the API with a session token more than 1 hour old.
base_url="${TRUSTLEADS_BASE_URL:-https://api.trustleads.ai/v1}"
curl --silent --show-error --include \
  --header "Authorization: Bearer ${TRUSTLEADS_SESSION_TOKEN:?set it to a session token issued more than 1 hour ago}" \
  "${base_url%/}/me"
