# Send one key in both headers: the same credential twice is no conflict.
require "net/http"

base_url = ENV.fetch("TRUSTLEADS_BASE_URL", "https://api.trustleads.ai/v1").sub(%r{/+\z}, "")
api_key = ENV.fetch("TRUSTLEADS_API_KEY", "lfk_sk_your_api_key")

uri = URI("#{base_url}/jobs")
request = Net::HTTP::Get.new(uri)
request["Authorization"] = "Bearer #{api_key}"
request["X-API-Key"] = api_key
# Net::HTTP never follows a redirect: the key cannot be carried to another host.
response = Net::HTTP.start(uri.hostname, uri.port, use_ssl: uri.scheme == "https") do |http|
  http.request(request)
end
puts response.code
puts response.body
