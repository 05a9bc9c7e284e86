// Send an unknown key until the API throttles this client, then honour Retry-After.
package main

import (
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"strings"
)

// Redirects are shown, not followed: one to another host would carry the credential there.
var client = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error {
	return http.ErrUseLastResponse
}}

func main() {
	baseURL := strings.TrimRight(envOr("TRUSTLEADS_BASE_URL", "https://api.trustleads.ai/v1"), "/")
	apiKey := envOr("TRUSTLEADS_API_KEY", "lfk_sk_your_api_key")

	const maxAttempts = 61

	var response *http.Response
	for attempt := 0; attempt < maxAttempts; attempt++ {
		request, err := http.NewRequest("GET", baseURL+"/jobs", nil)
		if err != nil {
			log.Fatal(err)
		}
		request.Header.Set("Authorization", "Bearer "+apiKey)
		if response, err = client.Do(request); err != nil {
			log.Fatal(err)
		}
		if response.StatusCode == http.StatusTooManyRequests {
			break
		}
		response.Body.Close()
	}
	body, err := io.ReadAll(response.Body)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(response.StatusCode, "retry after", response.Header.Get("Retry-After"), "seconds")
	fmt.Println(string(body))
}

// envOr reads a variable, or falls back when it is unset.
func envOr(name, fallback string) string {
	if value, ok := os.LookupEnv(name); ok {
		return value
	}
	return fallback
}
