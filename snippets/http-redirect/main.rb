# Call the API over plain HTTP: it answers with a redirect to HTTPS.
require "net/http"

base_url = ENV.fetch("TRUSTLEADS_BASE_URL", "https://api.trustleads.ai/v1").sub(%r{/+\z}, "")
# The same address with http:// in front, whichever scheme the variable holds.
http_url = "http://" + base_url.sub(%r{\A[a-z]+://}, "")

# Net::HTTP shows a redirect, it never follows one.
response = Net::HTTP.get_response(URI("#{http_url}/jobs"))
puts response.code
puts "Location: #{response["Location"]}"
