#!/bin/sh
# Call the API without credentials.
curl --silent --show-error --include \
  "${TRUSTLEADS_BASE_URL:-https://api.trustleads.ai/v1}/jobs"
