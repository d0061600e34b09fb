package org.citylake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code citylake tables} and {@code citylake describe} as an analyst runs them: on a lake, on a
 * misspelt or unqualified table name, and on a data dir that holds no lake (nothing is created).
 */
class DataDictionaryIT {

    @TempDir Path dir;

    @Test
    void tablesAndDescribeShowTheLakeAndItsColumnDocs() {
        CliLake lake = new CliLake(dir);
        lake.cli("lakehouse", "init");

        CliLake.Output tables = lake.run("tables", "--namespace", "clean");
        assertThat(tables.exit()).isZero();
        assertThat(tables.out()).contains("clean.traffic_flow", "clean.air_quality", "watermark");
        assertThat(tables.out()).doesNotContain("gold.", "ref.cities");

        CliLake.Output describe = lake.run("describe", "clean.air_quality");
        assertThat(describe.exit()).isZero();
        assertThat(describe.out())
                .contains(
                        "pm25", "double", "µg/m³", "PM2.5, µg/m³ (FIWARE AirQualityObserved.pm25)");

        CliLake.Output typo = lake.run("describe", "clean.trafic_flow");
        assertThat(typo.exit()).isEqualTo(1);
        assertThat(typo.err())
                .contains("unknown table 'clean.trafic_flow'; did you mean clean.traffic_flow?")
                .doesNotContain("CITYLAKE_DEBUG");

        CliLake.Output unqualified = lake.run("describe", "traffic_flow");
        assertThat(unqualified.exit()).isEqualTo(1);
        assertThat(unqualified.err())
                .contains("table 'traffic_flow' needs its namespace: write clean.traffic_flow");
    }

    @Test
    void aDataDirWithoutALakeIsSaidPlainlyAndLeftUntouched() throws Exception {
        CliLake missing = new CliLake(dir.resolve("nowhere"));
        CliLake.Output out = missing.run("tables");
        assertThat(out.exit()).isEqualTo(1);
        assertThat(out.err())
                .contains("no lake at " + missing.lakeDir() + ": the folder does not exist")
                .contains("citylake lakehouse init")
                .doesNotContain("CITYLAKE_DEBUG", "Unable to create catalog");
        assertThat(missing.lakeDir()).doesNotExist();

        CliLake empty = new CliLake(dir.resolve("empty"));
        Files.createDirectories(empty.lakeDir());
        CliLake.Output none = empty.run("describe", "clean.traffic_flow");
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).contains("holds no catalog (catalog.db)", "lakehouse init");
        CliLake.Output status = empty.run("lakehouse", "status");
        assertThat(status.exit()).isEqualTo(1);
        assertThat(status.out()).doesNotContain("missing");
        assertThat(status.err())
                .contains("holds no catalog (catalog.db)", "citylake lakehouse init")
                .doesNotContain("CITYLAKE_DEBUG");
        try (var files = Files.list(empty.lakeDir())) {
            assertThat(files).isEmpty();
        }

        CliLake onAFile = new CliLake(dir.resolve("file"));
        Files.createDirectories(onAFile.dir());
        Files.writeString(onAFile.lakeDir(), "not a lake");
        CliLake.Output onFile = onAFile.run("tables");
        assertThat(onFile.exit()).isEqualTo(1);
        assertThat(onFile.err()).contains("is a file, not a folder");
    }
}
