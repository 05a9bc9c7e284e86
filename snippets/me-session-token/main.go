// Try the dashboard's browser call from a terminal, with a session token it holds.
package main

import (
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"strings"
)

// Only to test the call: a session token expires within the hour, so server code uses a key.

// Redirects are shown, not followed: one to another host would carry the credential there.
var client = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error {
	return http.ErrUseLastResponse
}}

func main() {
	baseURL := strings.TrimRight(envOr("TRUSTLEADS_BASE_URL", "https://api.trustleads.ai/v1"), "/")
	sessionToken := os.Getenv("TRUSTLEADS_SESSION_TOKEN")
	if sessionToken == "" {
		fmt.Fprintln(os.Stderr, "Set TRUSTLEADS_SESSION_TOKEN to a dashboard session token.")
		os.Exit(1)
	}

	request, err := http.NewRequest("GET", baseURL+"/me", nil)
	if err != nil {
		log.Fatal(err)
	}
	request.Header.Set("Authorization", "Bearer "+sessionToken)
	body, status := send(request)
	fmt.Println(status)
	fmt.Println(string(body))
}

// send makes the request and reads the whole answer.
func send(request *http.Request) ([]byte, int) {
	response, err := client.Do(request)
	if err != nil {
		log.Fatal(err)
	}
	defer response.Body.Close()
	body, err := io.ReadAll(response.Body)
	if err != nil {
		log.Fatal(err)
	}
	return body, response.StatusCode
}

// envOr reads a variable, or falls back when it is unset.
func envOr(name, fallback string) string {
	if value, ok := os.LookupEnv(name); ok {
		return value
	}
	return fallback
}
