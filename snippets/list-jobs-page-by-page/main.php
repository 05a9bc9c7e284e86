<?php
// Read every job, one per page: each next page starts after the last id received.

$baseUrl = rtrim(getenv("TRUSTLEADS_BASE_URL") ?: "https://api.trustleads.ai/v1", "/");
$apiKey = getenv("TRUSTLEADS_API_KEY") ?: "lfk_sk_your_api_key";

$query = ["limit" => 1];
$context = stream_context_create(["http" => [
    "method" => "GET",
    "header" => ["Authorization: Bearer $apiKey"],
    // Shown, not followed: a redirect to another host would carry the credential there.
    "follow_location" => 0,
    // An error answer's body is read too.
    "ignore_errors" => true,
]]);
while (true) {
    $body = file_get_contents("$baseUrl/jobs?" . http_build_query($query) . "", false, $context);
    if ($body === false) {
        exit(1); // PHP has said why, e.g. the connection was refused
    }
    // $http_response_header[0] is the status line, e.g. "HTTP/1.1 200 OK".
    $status = (int) explode(" ", $http_response_header[0])[1];
    echo $status, "\n", $body, "\n";
    if ($status !== 200) {
        exit(1);
    }
    $page = json_decode($body, true);
    if (!$page["has_more"]) {
        break;
    }
    $query["starting_after"] = end($page["data"])["id"];
}
