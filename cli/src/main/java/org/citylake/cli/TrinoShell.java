package org.citylake.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.config.LakeOptions;
import org.citylake.serving.TrinoClient;
import org.citylake.stack.MavenArtifacts;
import org.citylake.stack.StackLog;

/**
 * {@code citylake sql --shell}: the Trino CLI, fetched once from Maven Central, pointed at the
 * stack's Trino with its truststore; the password is passed in the environment, never on the
 * command line.
 */
final class TrinoShell {

    static final String CLI = "io.trino:trino-cli:476:jar:executable";

    private TrinoShell() {}

    static int open(LakeConfig config, TrinoClient trino) throws Exception {
        Map<String, String> url = parse(config.get(LakeOptions.TRINO_URL));
        Path jar =
                new MavenArtifacts(config.stackCache().resolve("maven"), StackLog.to(System.err))
                        .fetch(CLI, config.stackCache().resolve("trino-cli"));
        Path javaHome = Path.of(config.get(LakeOptions.TEMURIN_25));
        String java =
                javaHome.resolve("bin/java").toFile().canExecute()
                        ? javaHome.resolve("bin/java").toString()
                        : "java";
        List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString()));
        command.addAll(
                List.of(
                        "--server",
                        "https://" + url.get("hostport"),
                        "--catalog",
                        url.get("catalog"),
                        "--user",
                        trino.user(),
                        "--password"));
        if (url.containsKey("SSLTrustStorePath")) {
            command.addAll(
                    List.of(
                            "--truststore-path", url.get("SSLTrustStorePath"),
                            "--truststore-password", url.get("SSLTrustStorePassword"),
                            "--truststore-type", url.getOrDefault("SSLTrustStoreType", "PKCS12")));
        }
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put("TRINO_PASSWORD", trino.password());
        return builder.start().waitFor();
    }

    /** Host:port, catalog and query parameters of a {@code jdbc:trino://} URL. */
    static Map<String, String> parse(String jdbcUrl) {
        String prefix = "jdbc:trino://";
        if (jdbcUrl == null || !jdbcUrl.startsWith(prefix)) {
            throw new IllegalArgumentException(
                    "citylake.trino.url is not a jdbc:trino:// URL: " + jdbcUrl);
        }
        String rest = jdbcUrl.substring(prefix.length());
        String query = rest.contains("?") ? rest.substring(rest.indexOf('?') + 1) : "";
        String path = rest.contains("?") ? rest.substring(0, rest.indexOf('?')) : rest;
        Map<String, String> parts = new LinkedHashMap<>();
        String[] segments = path.split("/");
        parts.put("hostport", segments[0]);
        parts.put("catalog", segments.length > 1 ? segments[1] : "iceberg");
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                parts.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return parts;
    }
}
