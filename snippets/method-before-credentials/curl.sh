#!/bin/sh
# Try to delete your plan, without credentials.
base_url="${TRUSTLEADS_BASE_URL:-https://api.trustleads.ai/v1}"
curl --silent --show-error --include \
  --request DELETE \
  "${base_url%/}/me"
