# Send two different keys, one in each header.
require "net/http"

base_url = ENV.fetch("TRUSTLEADS_BASE_URL", "https://api.trustleads.ai/v1").sub(%r{/+\z}, "")
api_key = ENV.fetch("TRUSTLEADS_API_KEY", "lfk_sk_your_api_key")
other_key = ENV["TRUSTLEADS_OTHER_API_KEY"]
abort "Set TRUSTLEADS_OTHER_API_KEY to a second key, different from TRUSTLEADS_API_KEY." if other_key.to_s.empty?

uri = URI("#{base_url}/jobs")
request = Net::HTTP::Get.new(uri)
request["Authorization"] = "Bearer #{api_key}"
request["X-API-Key"] = other_key
# Net::HTTP never follows a redirect: the key cannot be carried to another host.
response = Net::HTTP.start(uri.hostname, uri.port, use_ssl: uri.scheme == "https") do |http|
  http.request(request)
end
puts response.code
puts response.body
