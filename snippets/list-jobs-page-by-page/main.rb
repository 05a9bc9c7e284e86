# Read every job, one per page: each next page starts after the last id received.
require "json"
require "net/http"

base_url = ENV.fetch("TRUSTLEADS_BASE_URL", "https://api.trustleads.ai/v1").sub(%r{/+\z}, "")
api_key = ENV.fetch("TRUSTLEADS_API_KEY", "lfk_sk_your_api_key")

query = { limit: 1 }
loop do
  uri = URI("#{base_url}/jobs?#{URI.encode_www_form(query)}")
  request = Net::HTTP::Get.new(uri)
  request["Authorization"] = "Bearer #{api_key}"
  # Net::HTTP never follows a redirect: the key cannot be carried to another host.
  response = Net::HTTP.start(uri.hostname, uri.port, use_ssl: uri.scheme == "https") { |http| http.request(request) }
  puts response.code
  puts response.body
  exit 1 unless response.code == "200"
  page = JSON.parse(response.body)
  break unless page["has_more"]
  query[:starting_after] = page["data"].last["id"]
end
