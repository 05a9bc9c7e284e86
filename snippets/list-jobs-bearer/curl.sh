#!/bin/sh
# List your enrichment jobs, sending the key as a Bearer token.
base_url="${TRUSTLEADS_BASE_URL:-https://api.trustleads.ai/v1}"
curl --silent --show-error --include \
  --header "Authorization: Bearer ${TRUSTLEADS_API_KEY:-lfk_sk_your_api_key}" \
  "${base_url%/}/jobs"
