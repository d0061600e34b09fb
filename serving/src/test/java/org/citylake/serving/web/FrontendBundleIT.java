package org.citylake.serving.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The map's bundle in the jar (src/main/resources/org/citylake/serving/static, committed so that
 * the server builds and runs with nothing but a JDK and Maven) is exactly what the front-end
 * sources build to with the locked npm packages.
 */
class FrontendBundleIT {

    static final Path FRONTEND = Path.of("frontend").toAbsolutePath();

    @Test
    void theCommittedBundleIsBuiltFromTheSources() throws Exception {
        if (!Files.isDirectory(FRONTEND.resolve("node_modules/esbuild"))) {
            npm(List.of("npm", "ci", "--no-audit", "--no-fund"));
        }
        String out = npm(List.of("npm", "run", "--silent", "check"));
        assertThat(out).contains("bundle matches the sources");
    }

    static String npm(List<String> command) throws Exception {
        Process p;
        try {
            p =
                    new ProcessBuilder(command)
                            .directory(FRONTEND.toFile())
                            .redirectErrorStream(true)
                            .start();
        } catch (java.io.IOException e) {
            throw new AssertionError(
                    "npm is needed to check the map's bundle: run .ci/setup (apt-get install npm)",
                    e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s:\n%s", String.join(" ", command), out).isZero();
        return out;
    }
}
