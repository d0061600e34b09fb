package org.citylake.cli;

import static org.assertj.core.api.Assertions.assertThat;

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

    /** Runs {@code citylake <args> --data-dir <lake>} and requires exit code 0. */
    public void cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", lakeDir().toString()));
        assertThat(CityLakeCli.execute(all.toArray(String[]::new)))
                .as("citylake %s", String.join(" ", args))
                .isZero();
    }
}
