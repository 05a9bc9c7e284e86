# Send an unknown key until the API throttles this client, then honour Retry-After.
require "net/http"

base_url = ENV.fetch("TRUSTLEADS_BASE_URL", "https://api.trustleads.ai/v1").sub(%r{/+\z}, "")
api_key = ENV.fetch("TRUSTLEADS_API_KEY", "lfk_sk_your_api_key")

max_attempts = 61

uri = URI("#{base_url}/jobs")
request = Net::HTTP::Get.new(uri)
request["Authorization"] = "Bearer #{api_key}"
# Net::HTTP never follows a redirect: the key cannot be carried to another host.
response = Net::HTTP.start(uri.hostname, uri.port, use_ssl: uri.scheme == "https") do |http|
  max_attempts.times do
    answer = http.request(request)
    break answer if answer.code == "429"
    answer
  end
end
puts "#{response.code} retry after #{response["Retry-After"]} seconds"
puts response.body
