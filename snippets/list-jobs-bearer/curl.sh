#!/bin/sh
# List your enrichment jobs, sending the key as a Bearer token.
curl --silent --show-error --include \
  --header "Authorization: Bearer ${TRUSTLEADS_API_KEY:-lfk_sk_your_api_key}" \
  "${TRUSTLEADS_BASE_URL:-https://api.trustleads.ai/v1}/jobs"
