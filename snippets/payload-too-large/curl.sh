#!/bin/sh
# Submit a job with more data than the API accepts.
base_url="${TRUSTLEADS_BASE_URL:-https://api.trustleads.ai/v1}"
leads=$(printf '{"email":"lead%d@example.com"},' $(seq 4000))
curl --silent --show-error --include \
  --header "Authorization: Bearer ${TRUSTLEADS_API_KEY:-lfk_sk_your_api_key}" \
  --header "Content-Type: application/json" \
  --data "{\"leads\":[${leads%,}]}" \
  "${base_url%/}/jobs"
