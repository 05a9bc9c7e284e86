#!/bin/sh
# Try to delete the jobs collection.
curl --silent --show-error --include \
  --request DELETE \
  --header "Authorization: Bearer ${TRUSTLEADS_API_KEY:-lfk_sk_your_api_key}" \
  "${TRUSTLEADS_BASE_URL:-https://api.trustleads.ai/v1}/jobs"
