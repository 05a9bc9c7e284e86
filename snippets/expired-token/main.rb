# Call the API with a session token more than 1 hour old.
require "net/http"

base_url = ENV.fetch("TRUSTLEADS_BASE_URL", "https://api.trustleads.ai/v1").sub(%r{/+\z}, "")
session_token = ENV["TRUSTLEADS_SESSION_TOKEN"]
abort "Set TRUSTLEADS_SESSION_TOKEN to a session token issued more than 1 hour ago." if session_token.to_s.empty?

uri = URI("#{base_url}/me")
request = Net::HTTP::Get.new(uri)
request["Authorization"] = "Bearer #{session_token}"
# Net::HTTP never follows a redirect: the key cannot be carried to another host.
response = Net::HTTP.start(uri.hostname, uri.port, use_ssl: uri.scheme == "https") do |http|
  http.request(request)
end
puts response.code
puts response.body
