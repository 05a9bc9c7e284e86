<?php
// Call the API over plain HTTP: it answers with a redirect to HTTPS.

$baseUrl = rtrim(getenv("TRUSTLEADS_BASE_URL") ?: "https://api.trustleads.ai/v1", "/");
// The same address with http:// in front, whichever scheme the variable holds.
$httpUrl = "http://" . preg_replace("#^[a-z]+://#", "", $baseUrl);

$context = stream_context_create(["http" => [
    "method" => "GET",
    // Shown, not followed: a redirect to another host would carry the credential there.
    "follow_location" => 0,
    // An error answer's body is read too.
    "ignore_errors" => true,
]]);
$body = file_get_contents("$httpUrl/jobs", false, $context);
if ($body === false) {
    exit(1); // PHP has said why, e.g. the connection was refused
}
// $http_response_header[0] is the status line, e.g. "HTTP/1.1 200 OK".
$status = (int) explode(" ", $http_response_header[0])[1];
echo $status, "\n";
foreach ($http_response_header as $header) {
    if (stripos($header, "Location:") === 0) {
        echo $header, "\n";
    }
}
