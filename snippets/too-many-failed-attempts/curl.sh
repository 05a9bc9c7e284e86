#!/bin/sh
# Send an unknown key until the API throttles this client, then say how long to wait.
base_url="${TRUSTLEADS_BASE_URL:-https://api.trustleads.ai/v1}"
max_attempts=31
for attempt in $(seq "$max_attempts"); do
  status=$(curl --silent --output /dev/null --write-out "%{http_code}" \
    --header "Authorization: Bearer ${TRUSTLEADS_API_KEY:-lfk_sk_your_api_key}" \
    "${base_url%/}/jobs")
  [ "$status" = 429 ] && break
done
curl --silent --show-error --include \
  --header "Authorization: Bearer ${TRUSTLEADS_API_KEY:-lfk_sk_your_api_key}" \
  "${base_url%/}/jobs"
