// Send an unknown key until the API throttles this client, then honour Retry-After.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public class Main {
    public static void main(String[] args) throws Exception {
        String baseUrl = envOr("TRUSTLEADS_BASE_URL", "https://api.trustleads.ai/v1").replaceAll("/+$", "");
        String apiKey = envOr("TRUSTLEADS_API_KEY", "lfk_sk_your_api_key");

        int maxAttempts = 61;

        // HttpClient shows a redirect unless told to follow it: the credential stays here.
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/jobs"))
                .header("Authorization", "Bearer " + apiKey)
                .build();
        HttpResponse<String> response = null;
        for (int attempt = 0; attempt < maxAttempts; attempt++) {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 429) {
                break;
            }
        }
        System.out.println(response.statusCode() + " retry after "
                + response.headers().firstValue("Retry-After").orElse("") + " seconds");
        System.out.println(response.body());
    }

    /** The variable's value, or the fallback when it is unset. */
    static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value != null ? value : fallback;
    }
}
