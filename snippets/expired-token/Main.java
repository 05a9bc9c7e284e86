// Call the API with a session token more than 1 hour old.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public class Main {
    public static void main(String[] args) throws Exception {
        String baseUrl = envOr("TRUSTLEADS_BASE_URL", "https://api.trustleads.ai/v1").replaceAll("/+$", "");
        String sessionToken = System.getenv("TRUSTLEADS_SESSION_TOKEN");
        if (sessionToken == null || sessionToken.isEmpty()) {
            System.err.println("Set TRUSTLEADS_SESSION_TOKEN to a session token issued more than 1 hour ago.");
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
