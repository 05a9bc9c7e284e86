#!/bin/sh
# List your enrichment jobs, sending the key in the X-API-Key header.
curl --silent --show-error --include \
  --header "X-API-Key: $TRUSTLEADS_API_KEY" \
  "${TRUSTLEADS_BASE_URL:-https://api.trustleads.ai/v1}/jobs"
