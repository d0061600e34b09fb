package org.citylake.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.citylake.lakehouse.config.EntryArgs;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.config.LakeOptions;

/**
 * {@code citylake ingest|run ... --cluster}: uploads the job jar to a Flink cluster's REST API,
 * runs one of its entry points ({@code IngestMain}, {@code AnalyticsMain}) with the plan the CLI
 * built ({@link EntryArgs}), then follows the job until it ends.
 */
final class ClusterSubmit {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ClusterSubmit() {}

    /**
     * Submits {@code plan} to the cluster's {@code entryClass} and waits for the job to end.
     *
     * @param what names the job in messages ("ingest", "traffic", ...)
     * @throws IllegalStateException if the job did not finish
     */
    static void run(
            LakeConfig config,
            String restOverride,
            String entryClass,
            java.io.Serializable plan,
            String what,
            boolean progress)
            throws Exception {
        String rest = restOverride != null ? restOverride : config.get(LakeOptions.FLINK_REST);
        if (rest == null || rest.isBlank()) {
            throw new IllegalArgumentException(
                    "no Flink cluster address: run `citylake stack up --flink` and use --profile"
                            + " stack, or pass --flink-rest URL");
        }
        rest = rest.replaceAll("/+$", "");
        Path jar = jobJar();
        String jarId = upload(rest, jar);
        ObjectNode run = JSON.createObjectNode();
        run.put("entryClass", entryClass);
        EntryArgs.of(config, plan).forEach(run.putArray("programArgsList")::add);
        JsonNode started = post(rest + "/jars/" + jarId + "/run", run.toString());
        String jobId = started.path("jobid").asText();
        if (jobId.isEmpty()) {
            throw new IllegalStateException("the cluster did not start the job: " + started);
        }
        System.err.printf("%s job %s submitted to %s%n", what, jobId, rest);
        String state = follow(rest, jobId, progress);
        if (!state.equals("FINISHED")) {
            throw new IllegalStateException(
                    what + " job " + jobId + " ended " + state + ": " + rootException(rest, jobId));
        }
        System.err.printf("%s job %s finished%n", what, jobId);
    }

    /**
     * The shaded job jar: {@code citylake.job-jar} as the launcher sets it (the distribution's
     * {@code lib/job/}, or {@code job-dist/target} of a checkout).
     */
    static Path jobJar() {
        String configured = System.getProperty("citylake.job-jar");
        if (configured == null || configured.isBlank()) {
            throw new IllegalStateException(
                    "no job jar: start citylake with its launcher (bin/citylake or ./citylake),"
                            + " which sets -Dcitylake.job-jar");
        }
        Path jar = Path.of(configured);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "no job jar at "
                            + jar
                            + "; build it with `mvn -DskipTests package` (a checkout) or reinstall"
                            + " the distribution");
        }
        return jar;
    }

    private static String upload(String rest, Path jar) throws Exception {
        String boundary = "citylake-" + UUID.randomUUID();
        String head =
                "--"
                        + boundary
                        + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                        + jar.getFileName()
                        + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(rest + "/jars/upload"))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(
                                HttpRequest.BodyPublishers.concat(
                                        HttpRequest.BodyPublishers.ofString(head),
                                        HttpRequest.BodyPublishers.ofFile(jar),
                                        HttpRequest.BodyPublishers.ofString(tail)))
                        .build();
        System.err.printf(
                "uploading %s (%,d MB) to %s%n", jar.getFileName(), Files.size(jar) >> 20, rest);
        JsonNode answer = send(request);
        String file = answer.path("filename").asText();
        if (!"success".equals(answer.path("status").asText()) || file.isEmpty()) {
            throw new IllegalStateException("jar upload refused: " + answer);
        }
        return Path.of(file).getFileName().toString();
    }

    private static String follow(String rest, String jobId, boolean progress) throws Exception {
        String last = "";
        while (true) {
            JsonNode job = get(rest + "/jobs/" + jobId);
            String state = job.path("state").asText();
            if (progress && !state.equals(last)) {
                System.err.printf("  job %s: %s%n", jobId, state);
                last = state;
            }
            if (List.of("FINISHED", "FAILED", "CANCELED").contains(state)) {
                return state;
            }
            Thread.sleep(1000);
        }
    }

    private static String rootException(String rest, String jobId) {
        try {
            JsonNode exceptions = get(rest + "/jobs/" + jobId + "/exceptions");
            String text = exceptions.path("rootException").asText("");
            return text.isEmpty() ? exceptions.toString() : text.lines().findFirst().orElse(text);
        } catch (Exception e) {
            return "(no exception details: " + e.getMessage() + ")";
        }
    }

    private static JsonNode get(String url) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    private static JsonNode post(String url, String body) throws Exception {
        return send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .build());
    }

    private static JsonNode send(HttpRequest request) throws Exception {
        HttpResponse<String> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new IllegalStateException(
                    "no Flink cluster answers at "
                            + request.uri().getScheme()
                            + "://"
                            + request.uri().getAuthority()
                            + "; run `citylake stack up --flink`",
                    e);
        }
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(
                    request.method()
                            + " "
                            + request.uri().getPath()
                            + " -> HTTP "
                            + response.statusCode()
                            + ": "
                            + response.body());
        }
        return JSON.readTree(response.body());
    }
}
