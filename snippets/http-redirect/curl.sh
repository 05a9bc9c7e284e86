#!/bin/sh
# Call the API over plain HTTP: it answers with a redirect to HTTPS.
base_url="${TRUSTLEADS_BASE_URL:-https://api.trustleads.ai/v1}"
# The same address with http:// in front, whichever scheme the variable holds.
http_url="http://${base_url#*://}"
curl --silent --show-error --include "${http_url%/}/jobs"
