#!/bin/sh
# Try to replace one job.
base_url="${TRUSTLEADS_BASE_URL:-https://api.trustleads.ai/v1}"
curl --silent --show-error --include \
  --request PUT \
  --header "Authorization: Bearer ${TRUSTLEADS_API_KEY:-lfk_sk_your_api_key}" \
  "${base_url%/}/jobs/job_0000000000000000"
