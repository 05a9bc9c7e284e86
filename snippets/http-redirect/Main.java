// Call the API over plain HTTP: it answers with a redirect to HTTPS.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public class Main {
    public static void main(String[] args) throws Exception {
        String baseUrl = envOr("TRUSTLEADS_BASE_URL", "https://api.trustleads.ai/v1").replaceAll("/+$", "");
        // The same address with http:// in front, whichever scheme the variable holds.
        String httpUrl = "http://" + baseUrl.replaceFirst("^[a-z]+://", "");

        // HttpClient shows a redirect unless told to follow it: the credential stays here.
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(httpUrl + "/jobs"))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        System.out.println(response.statusCode());
        System.out.println("Location: " + response.headers().firstValue("Location").orElse(""));
    }

    /** The variable's value, or the fallback when it is unset. */
    static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value != null ? value : fallback;
    }
}
