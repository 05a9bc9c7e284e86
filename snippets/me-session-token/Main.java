// Try the dashboard's browser call from a terminal, with a session token it holds.
// Only to test the call: a session token expires within the hour, so server code uses a key.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public class Main {
    public static void main(String[] args) throws Exception {
        String baseUrl = envOr("TRUSTLEADS_BASE_URL", "https://api.trustleads.ai/v1").replaceAll("/+$", "");
        String sessionToken = System.getenv("TRUSTLEADS_SESSION_TOKEN");
        if (sessionToken == null || sessionToken.isEmpty()) {
            System.err.println("Set TRUSTLEADS_SESSION_TOKEN to a dashboard session token.");
            System.exit(1);
        }

        // HttpClient shows a redirect unless told to follow it: the credential stays here.
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/me"))
                .header("Authorization", "Bearer " + sessionToken)
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        System.out.println(response.statusCode());
        System.out.println(response.body());
    }

    /** The variable's value, or the fallback when it is unset. */
    static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value != null ? value : fallback;
    }
}
