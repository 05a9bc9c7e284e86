#!/bin/sh
# Send two different keys, one in each header.
base_url="${TRUSTLEADS_BASE_URL:-https://api.trustleads.ai/v1}"
curl --silent --show-error --include \
  --header "Authorization: Bearer ${TRUSTLEADS_API_KEY:-lfk_sk_your_api_key}" \
  --header "X-API-Key: ${TRUSTLEADS_OTHER_API_KEY:?set it to a second key, different from TRUSTLEADS_API_KEY}" \
  "${base_url%/}/jobs"
