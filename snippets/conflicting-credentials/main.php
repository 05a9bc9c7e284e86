<?php
// Send two different keys, one in each header.

$baseUrl = rtrim(getenv("TRUSTLEADS_BASE_URL") ?: "https://api.trustleads.ai/v1", "/");
$apiKey = getenv("TRUSTLEADS_API_KEY") ?: "lfk_sk_your_api_key";
$otherKey = getenv("TRUSTLEADS_OTHER_API_KEY");
if (!$otherKey) {
    fwrite(STDERR, "Set TRUSTLEADS_OTHER_API_KEY to a second key, different from TRUSTLEADS_API_KEY.\n");
    exit(1);
}

$context = stream_context_create(["http" => [
    "method" => "GET",
    "header" => ["Authorization: Bearer $apiKey", "X-API-Key: $otherKey"],
    // Shown, not followed: a redirect to another host would carry the credential there.
    "follow_location" => 0,
    // An error answer's body is read too.
    "ignore_errors" => true,
]]);
$body = file_get_contents("$baseUrl/jobs", false, $context);
if ($body === false) {
    exit(1); // PHP has said why, e.g. the connection was refused
}
// $http_response_header[0] is the status line, e.g. "HTTP/1.1 200 OK".
$status = (int) explode(" ", $http_response_header[0])[1];
echo $status, "\n";
echo $body, "\n";
