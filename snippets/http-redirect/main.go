// Call the API over plain HTTP: it answers with a redirect to HTTPS.
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"
	"regexp"
	"strings"
)

// Redirects are shown, not followed: one to another host would carry the credential there.
var client = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error {
	return http.ErrUseLastResponse
}}

func main() {
	baseURL := strings.TrimRight(envOr("TRUSTLEADS_BASE_URL", "https://api.trustleads.ai/v1"), "/")
	// The same address with http:// in front, whichever scheme the variable holds.
	httpURL := "http://" + regexp.MustCompile(`^[a-z]+://`).ReplaceAllString(baseURL, "")

	response, err := client.Get(httpURL + "/jobs")
	if err != nil {
		log.Fatal(err)
	}
	response.Body.Close()
	fmt.Println(response.StatusCode)
	fmt.Println("Location:", response.Header.Get("Location"))
}

// envOr reads a variable, or falls back when it is unset.
func envOr(name, fallback string) string {
	if value, ok := os.LookupEnv(name); ok {
		return value
	}
	return fallback
}
