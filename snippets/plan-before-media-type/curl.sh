#!/bin/sh
# A Starter key submits a job as plain text: the plan is judged before the media type.
base_url="${TRUSTLEADS_BASE_URL:-https://api.trustleads.ai/v1}"
curl --silent --show-error --include \
  --header "Authorization: Bearer ${TRUSTLEADS_API_KEY:-lfk_sk_your_api_key}" \
  --header "Content-Type: text/plain" \
  --data "ada@example.com" \
  "${base_url%/}/jobs"
