package org.citylake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.citylake.lakehouse.config.LakeConfig;

/** An embedded lake under {@code <dir>/lake} that tests drive through the real CLI commands. */
public record CliLake(Path dir) {

    public Path lakeDir() {
        return dir.resolve("lake");
    }

    public LakeConfig config() {
        return LakeConfig.embedded(lakeDir());
    }

    /** What a command printed, and its exit code. */
    public record Output(int exit, String out, String err) {}

    /**
     * Runs {@code citylake <args> --data-dir <lake>}, whatever its exit code, and returns what it
     * printed on stdout and stderr.
     */
    public Output run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", lakeDir().toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        int exit;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            exit = CityLakeCli.execute(all.toArray(String[]::new));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        String errors = err.toString(StandardCharsets.UTF_8);
        stdout.print(printed);
        stderr.print(errors);
        return new Output(exit, printed, errors);
    }

    /** Runs {@code citylake <args> --data-dir <lake>} and requires exit code 0. */
    public void cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", lakeDir().toString()));
        assertThat(CityLakeCli.execute(all.toArray(String[]::new)))
                .as("citylake %s", String.join(" ", args))
                .isZero();
    }
}
