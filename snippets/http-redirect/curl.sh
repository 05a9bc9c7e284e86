#!/bin/sh
# Call the API over plain HTTP: it answers with a redirect to HTTPS.
curl --silent --show-error --include \
  "${TRUSTLEADS_BASE_URL:-http://api.trustleads.ai/v1}/jobs"
