#!/bin/sh
# Read one job by its id, to follow its status.
base_url="${TRUSTLEADS_BASE_URL:-https://api.trustleads.ai/v1}"
curl --silent --show-error --include \
  --header "Authorization: Bearer ${TRUSTLEADS_API_KEY:-lfk_sk_your_api_key}" \
  "${base_url%/}/jobs/${TRUSTLEADS_JOB_ID:?set it to the id of one of your jobs}"
