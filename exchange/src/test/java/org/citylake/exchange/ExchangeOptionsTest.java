package org.citylake.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.config.LakeOptions.Option;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every exchange key and default is pinned; the key's sources and the secrets file's mode. */
class ExchangeOptionsTest {

    @TempDir Path dataDir;

    @Test
    void keysAndDefaultsArePinned() {
        assertThat(ExchangeOptions.ALL)
                .extracting(Option::key, Option::defaultValue, Option::envVar)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "citylake.exchange.location", null, "CITYLAKE_EXCHANGE_LOCATION"),
                        org.assertj.core.groups.Tuple.tuple(
                                "citylake.exchange.key", null, "CITYLAKE_EXCHANGE_KEY"),
                        org.assertj.core.groups.Tuple.tuple(
                                "citylake.exchange.products-dir",
                                null,
                                "CITYLAKE_EXCHANGE_PRODUCTS_DIR"),
                        org.assertj.core.groups.Tuple.tuple(
                                "citylake.exchange.downloads-per-minute",
                                "60",
                                "CITYLAKE_EXCHANGE_DOWNLOADS_PER_MINUTE"),
                        org.assertj.core.groups.Tuple.tuple(
                                "citylake.exchange.base-url",
                                "http://127.0.0.1:18480",
                                "CITYLAKE_EXCHANGE_BASE_URL"));
    }

    @Test
    void environmentBeatsConfigFileBeatsDefault() throws Exception {
        Files.writeString(
                dataDir.resolve("citylake.properties"),
                "citylake.exchange.downloads-per-minute=5\n");
        LakeConfig config = LakeConfig.load(Map.of("citylake.data-dir", dataDir.toString()));
        assertThat(ExchangeOptions.get(config, ExchangeOptions.DOWNLOADS_PER_MINUTE, Map.of()))
                .isEqualTo("5");
        assertThat(
                        ExchangeOptions.get(
                                config,
                                ExchangeOptions.DOWNLOADS_PER_MINUTE,
                                Map.of("CITYLAKE_EXCHANGE_DOWNLOADS_PER_MINUTE", "7")))
                .isEqualTo("7");
        assertThat(ExchangeOptions.get(config, ExchangeOptions.BASE_URL, Map.of()))
                .isEqualTo("http://127.0.0.1:18480");
        assertThat(ExchangeOptions.location(config))
                .isEqualTo(dataDir.resolve("exchange").toUri().toString().replaceAll("/$", ""));
    }

    @Test
    void generatedKeyIsKeptOwnerOnlyAndReused() throws Exception {
        Path file = dataDir.resolve("exchange").resolve(ExchangeKey.SECRETS_FILE);
        byte[] first = ExchangeKey.fromFile(file);
        assertThat(first.length).isGreaterThanOrEqualTo(ExchangeKey.MIN_LENGTH);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(ExchangeKey.fromFile(file)).isEqualTo(first);
    }

    @Test
    void aShortConfiguredKeyIsRefused() throws Exception {
        Files.writeString(dataDir.resolve("citylake.properties"), "citylake.exchange.key=short\n");
        LakeConfig config = LakeConfig.load(Map.of("citylake.data-dir", dataDir.toString()));
        assertThatThrownBy(() -> ExchangeKey.resolve(config))
                .hasMessageContaining("citylake.exchange.key")
                .hasMessageContaining("at least 32");
    }
}
