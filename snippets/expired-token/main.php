<?php
// Call the API with a session token more than 1 hour old.

$baseUrl = rtrim(getenv("TRUSTLEADS_BASE_URL") ?: "https://api.trustleads.ai/v1", "/");
$sessionToken = getenv("TRUSTLEADS_SESSION_TOKEN");
if (!$sessionToken) {
    fwrite(STDERR, "Set TRUSTLEADS_SESSION_TOKEN to a session token issued more than 1 hour ago.\n");
    exit(1);
}

$context = stream_context_create(["http" => [
    "method" => "GET",
    "header" => ["Authorization: Bearer $sessionToken"],
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
