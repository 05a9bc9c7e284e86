// Read every job, one per page: each next page starts after the last id received.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class Main {
    public static void main(String[] args) throws Exception {
        String baseUrl = envOr("TRUSTLEADS_BASE_URL", "https://api.trustleads.ai/v1").replaceAll("/+$", "");
        String apiKey = envOr("TRUSTLEADS_API_KEY", "lfk_sk_your_api_key");

        // Java's standard library parses no JSON: the two fields needed are found by pattern.
        Pattern hasMore = Pattern.compile("\"has_more\"\\s*:\\s*true");
        Pattern id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
        String query = "limit=1";
        // HttpClient shows a redirect unless told to follow it: the credential stays here.
        HttpClient client = HttpClient.newHttpClient();
        while (true) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/jobs?" + query))
                    .header("Authorization", "Bearer " + apiKey)
                    .build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            System.out.println(response.statusCode());
            System.out.println(response.body());
            if (response.statusCode() != 200) {
                System.exit(1);
            }
            if (!hasMore.matcher(response.body()).find()) {
                break;
            }
            String lastId = null;
            for (Matcher found = id.matcher(response.body()); found.find(); ) {
                lastId = found.group(1);
            }
            query = "limit=1&starting_after=" + lastId;
        }
    }

    /** The variable's value, or the fallback when it is unset. */
    static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value != null ? value : fallback;
    }
}
