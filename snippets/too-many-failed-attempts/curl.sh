#!/bin/sh
# Send an unknown key until the API throttles this client, then say how long to wait.
base_url="${TRUSTLEADS_BASE_URL:-https://api.trustleads.ai/v1}"
max_attempts=61
for attempt in $(seq "$max_attempts"); do
  answer=$(curl --silent --show-error --include \
    --header "Authorization: Bearer ${TRUSTLEADS_API_KEY:-lfk_sk_your_api_key}" \
    "${base_url%/}/jobs")
  # The answer's first line: HTTP/1.1 429 Too Many Requests.
  status=$(printf '%s\n' "$answer" | head -n 1 | cut -d ' ' -f 2)
  [ "$status" = 429 ] && break
done
printf '%s\n' "$answer"
