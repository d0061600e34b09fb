package org.citylake.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The few Flink REST calls a fault test watches a cluster job with. */
final class FlinkRest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final String base;

    FlinkRest(String base) {
        this.base = base.replaceAll("/+$", "");
    }

    JsonNode get(String path) throws Exception {
        HttpResponse<String> response =
                http.send(
                        HttpRequest.newBuilder(URI.create(base + path))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(
                    "GET " + path + " -> HTTP " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** The one job the cluster knows, once it is submitted. */
    Optional<String> onlyJob() throws Exception {
        JsonNode jobs = get("/jobs/overview").path("jobs");
        return jobs.size() == 1 ? Optional.of(jobs.get(0).path("jid").asText()) : Optional.empty();
    }

    String state(String job) throws Exception {
        return get("/jobs/" + job).path("state").asText();
    }

    /** Checkpoint counts of a job: completed and in progress. */
    long[] checkpoints(String job) throws Exception {
        JsonNode counts = get("/jobs/" + job + "/checkpoints").path("counts");
        return new long[] {counts.path("completed").asLong(), counts.path("in_progress").asLong()};
    }

    /** Failures the job recovered from (or not): entries of its exception history. */
    int failures(String job) throws Exception {
        return history(job).size();
    }

    /**
     * The root cause of each failure in the job's exception history, newest first: the last {@code
     * Caused by} line of its stack trace (or its first line).
     */
    List<String> failureCauses(String job) throws Exception {
        List<String> causes = new ArrayList<>();
        for (JsonNode entry : history(job)) {
            String[] lines = entry.path("stacktrace").asText().split("\n");
            String cause = lines[0];
            for (String line : lines) {
                if (line.startsWith("Caused by: ")) {
                    cause = line.substring("Caused by: ".length());
                }
            }
            causes.add(cause.strip());
        }
        return causes;
    }

    private JsonNode history(String job) throws Exception {
        return get("/jobs/" + job + "/exceptions?maxExceptions=100")
                .path("exceptionHistory")
                .path("entries");
    }
}
