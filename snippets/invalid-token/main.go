// Call the API with a key that does not exist.
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

	request, err := http.NewRequest("GET", baseURL+"/jobs", nil)
	if err != nil {
		log.Fatal(err)
	}
	request.Header.Set("Authorization", "Bearer "+apiKey)
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
