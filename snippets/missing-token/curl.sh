#!/bin/sh
# Call the API without credentials.
base_url="${TRUSTLEADS_BASE_URL:-https://api.trustleads.ai/v1}"
curl --silent --show-error --include \
  "${base_url%/}/jobs"
