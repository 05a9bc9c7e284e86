# Try the dashboard's browser call from a terminal, with a session token it holds.
# Only to test the call: a session token expires within the hour, so server code uses a key.
require "net/http"

base_url = ENV.fetch("TRUSTLEADS_BASE_URL", "https://api.trustleads.ai/v1").sub(%r{/+\z}, "")
session_token = ENV["TRUSTLEADS_SESSION_TOKEN"]
abort "Set TRUSTLEADS_SESSION_TOKEN to a dashboard session token." if session_token.to_s.empty?

uri = URI("#{base_url}/me")
request = Net::HTTP::Get.new(uri)
request["Authorization"] = "Bearer #{session_token}"
# Net::HTTP never follows a redirect: the key cannot be carried to another host.
response = Net::HTTP.start(uri.hostname, uri.port, use_ssl: uri.scheme == "https") do |http|
  http.request(request)
end
puts response.code
puts response.body
