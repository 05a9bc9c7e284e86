#!/bin/sh
# Submit a job without any leads.
curl --silent --show-error --include \
  --request POST \
  --header "Authorization: Bearer ${TRUSTLEADS_API_KEY:-lfk_sk_your_api_key}" \
  --header "Content-Type: application/json" \
  --data '{"leads":[]}' \
  "${TRUSTLEADS_BASE_URL:-https://api.trustleads.ai/v1}/jobs"
