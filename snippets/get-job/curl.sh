#!/bin/sh
# Read one job by its id, to follow its status.
curl --silent --show-error --include \
  --header "Authorization: Bearer ${TRUSTLEADS_API_KEY:-lfk_sk_your_api_key}" \
  "${TRUSTLEADS_BASE_URL:-https://api.trustleads.ai/v1}/jobs/$TRUSTLEADS_JOB_ID"
