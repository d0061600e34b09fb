package org.citylake.lakehouse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakeConfigTest {

    @TempDir Path dir;

    @Test
    void defaultsAreEmbeddedUnderVar() {
        LakeConfig config = LakeConfig.load(Map.of(), Map.of());
        assertThat(config.profile()).isEqualTo(Profile.EMBEDDED);
        assertThat(config.dataDir()).isEqualTo(Path.of("var").toAbsolutePath());
        assertThat(config.catalogName()).isEqualTo("citylake");
        assertThat(config.catalogProperties())
                .containsEntry("catalog-impl", "org.citylake.lakehouse.LakeJdbcCatalog")
                .containsEntry("jdbc.schema-version", "V1")
                .containsEntry(
                        "warehouse",
                        Path.of("var", "warehouse").toAbsolutePath().toUri().toString());
        assertThat(config.catalogProperties().get("uri"))
                .startsWith("jdbc:sqlite:" + Path.of("var", "catalog.db").toAbsolutePath());
    }

    @Test
    void everyKeyAndDefaultIsPinned() {
        Map<String, String> defaults = new HashMap<>();
        LakeOptions.ALL.forEach(o -> defaults.put(o.key(), o.defaultValue()));
        assertThat(defaults)
                .containsEntry("citylake.profile", "embedded")
                .containsEntry("citylake.data-dir", "var")
                .containsEntry("citylake.catalog-name", "citylake")
                .containsEntry("citylake.s3.region", "us-east-1")
                .containsEntry("citylake.catalog.uri", null)
                .containsEntry("citylake.warehouse", null)
                .containsEntry("citylake.stack.postgres-port", "15432")
                .containsEntry("citylake.stack.trino-port", "18443")
                .hasSize(LakeOptions.ALL.size());
        assertThat(LakeOptions.ALL.stream().map(LakeOptions.Option::key).distinct().count())
                .as("no key twice")
                .isEqualTo(LakeOptions.ALL.size());
        assertThat(LakeOptions.DATA_DIR.envVar()).isEqualTo("CITYLAKE_DATA_DIR");
        assertThat(LakeOptions.S3_SECRET_KEY.envVar()).isEqualTo("CITYLAKE_S3_SECRET_KEY");
    }

    @Test
    void cliBeatsEnvironmentBeatsFileBeatsDefault() throws Exception {
        Path file = dir.resolve("citylake.properties");
        Files.writeString(
                file,
                "citylake.catalog-name=from-file\ncitylake.warehouse=file:/from-file\n"
                        + "citylake.s3.region=eu-file-1\n");
        Map<String, String> env =
                Map.of(
                        "CITYLAKE_DATA_DIR", dir.toString(),
                        "CITYLAKE_CATALOG_NAME", "from-env",
                        "CITYLAKE_WAREHOUSE", "file:/from-env");
        LakeConfig config = LakeConfig.load(Map.of("citylake.warehouse", "file:/from-cli"), env);
        assertThat(config.get(LakeOptions.WAREHOUSE)).isEqualTo("file:/from-cli");
        assertThat(config.catalogName()).isEqualTo("from-env");
        assertThat(config.get(LakeOptions.S3_REGION)).isEqualTo("eu-file-1");
        assertThat(config.get(LakeOptions.PROFILE)).isEqualTo("embedded");
    }

    @Test
    void stackProfileNamesTheMissingSetting() {
        LakeConfig config = LakeConfig.load(Map.of("citylake.profile", "stack"), Map.of());
        assertThatThrownBy(config::catalogProperties)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("citylake.catalog.uri")
                .hasMessageContaining("CITYLAKE_CATALOG_URI");
    }

    @Test
    void stackProfileUsesS3FileIoAndMasksSecrets() {
        LakeConfig config =
                LakeConfig.load(
                        Map.of(
                                "citylake.profile", "stack",
                                "citylake.catalog.uri", "jdbc:postgresql://127.0.0.1:5433/citylake",
                                "citylake.catalog.user", "citylake",
                                "citylake.catalog.password", "pw",
                                "citylake.s3.endpoint", "http://127.0.0.1:9100",
                                "citylake.s3.access-key", "ak",
                                "citylake.s3.secret-key", "sk"),
                        Map.of());
        assertThat(config.catalogProperties())
                .containsEntry("io-impl", "org.apache.iceberg.aws.s3.S3FileIO")
                .containsEntry("warehouse", "s3://citylake/warehouse")
                .containsEntry("s3.path-style-access", "true");
        assertThat(config.describe())
                .containsEntry("citylake.catalog.password", "****")
                .containsEntry("citylake.s3.secret-key", "****");
    }

    @Test
    void missingExplicitConfigFileIsAnError() {
        assertThatThrownBy(
                        () ->
                                LakeConfig.load(
                                        Map.of(
                                                "citylake.config",
                                                dir.resolve("nope.properties").toString()),
                                        Map.of()))
                .hasMessageContaining("nope.properties")
                .hasMessageContaining("does not exist");
    }

    @Test
    void unknownProfileIsExplained() {
        assertThatThrownBy(() -> Profile.of("cloud"))
                .hasMessageContaining("'cloud'")
                .hasMessageContaining("embedded");
    }
}
