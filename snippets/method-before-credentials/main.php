<?php
// Try to delete your plan, without credentials.

$baseUrl = rtrim(getenv("TRUSTLEADS_BASE_URL") ?: "https://api.trustleads.ai/v1", "/");

$context = stream_context_create(["http" => [
    "method" => "DELETE",
    // Shown, not followed: a redirect to another host would carry the credential there.
    "follow_location" => 0,
    // An error answer's body is read too.
    "ignore_errors" => true,
]]);
$body = file_get_contents("$baseUrl/me", false, $context);
if ($body === false) {
    exit(1); // PHP has said why, e.g. the connection was refused
}
// $http_response_header[0] is the status line, e.g. "HTTP/1.1 200 OK".
$status = (int) explode(" ", $http_response_header[0])[1];
echo $status, "\n";
echo $body, "\n";
