// Read every job, one per page: each next page starts after the last id received.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/url"
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

	query := url.Values{"limit": {"1"}}
	for {
		request, err := http.NewRequest("GET", baseURL+"/jobs?"+query.Encode(), nil)
		if err != nil {
			log.Fatal(err)
		}
		request.Header.Set("Authorization", "Bearer "+apiKey)
		body, status := send(request)
		fmt.Println(status)
		fmt.Println(string(body))
		if status != http.StatusOK {
			os.Exit(1)
		}
		var page struct {
			Data []struct {
				ID string `json:"id"`
			} `json:"data"`
			HasMore bool `json:"has_more"`
		}
		if err := json.Unmarshal(body, &page); err != nil {
			log.Fatal(err)
		}
		if !page.HasMore {
			break
		}
		query.Set("starting_after", page.Data[len(page.Data)-1].ID)
	}
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
