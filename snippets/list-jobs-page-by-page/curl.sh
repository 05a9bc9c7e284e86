#!/bin/sh
# Read every job, one per page: each next page starts after the last id received.
# jq reads each page's has_more and last id.
command -v jq >/dev/null || { echo "This sample needs jq: https://jqlang.org/download/" >&2; exit 1; }
base_url="${TRUSTLEADS_BASE_URL:-https://api.trustleads.ai/v1}"
query="limit=1"
while :; do
  answer=$(curl --silent --show-error --write-out '\n%{http_code}' \
    --header "Authorization: Bearer ${TRUSTLEADS_API_KEY:-lfk_sk_your_api_key}" \
    "${base_url%/}/jobs?$query") || exit 1
  status=$(printf '%s\n' "$answer" | tail -n 1)
  page=$(printf '%s\n' "$answer" | sed '$d')
  echo "$status"
  echo "$page"
  [ "$status" = 200 ] || exit 1
  [ "$(echo "$page" | jq .has_more)" = true ] || break
  query="limit=1&starting_after=$(echo "$page" | jq -r '.data[-1].id')"
done
