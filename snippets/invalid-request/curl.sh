#!/bin/sh
# Submit a job without any leads.
base_url="${TRUSTLEADS_BASE_URL:-https://api.trustleads.ai/v1}"
curl --silent --show-error --include \
  --request POST \
  --header "Authorization: Bearer ${TRUSTLEADS_API_KEY:-lfk_sk_your_api_key}" \
  --header "Content-Type: application/json" \
  --data '{"leads":[]}' \
  "${base_url%/}/jobs"
