<?php
// Send an unknown key until the API throttles this client, then honour Retry-After.

$baseUrl = rtrim(getenv("TRUSTLEADS_BASE_URL") ?: "https://api.trustleads.ai/v1", "/");
$apiKey = getenv("TRUSTLEADS_API_KEY") ?: "lfk_sk_your_api_key";

$maxAttempts = 61;

$context = stream_context_create(["http" => [
    "method" => "GET",
    "header" => ["Authorization: Bearer $apiKey"],
    // Shown, not followed: a redirect to another host would carry the credential there.
    "follow_location" => 0,
    // An error answer's body is read too.
    "ignore_errors" => true,
]]);
for ($attempt = 0; $attempt < $maxAttempts; $attempt++) {
    $body = file_get_contents("$baseUrl/jobs", false, $context);
    if ($body === false) {
        exit(1); // PHP has said why, e.g. the connection was refused
    }
    // $http_response_header[0] is the status line, e.g. "HTTP/1.1 200 OK".
    $status = (int) explode(" ", $http_response_header[0])[1];
    if ($status === 429) {
        break;
    }
}
$retryAfter = "";
foreach ($http_response_header as $header) {
    if (stripos($header, "Retry-After:") === 0) {
        $retryAfter = trim(substr($header, 12));
    }
}
echo $status, " retry after ", $retryAfter, " seconds\n";
echo $body, "\n";
