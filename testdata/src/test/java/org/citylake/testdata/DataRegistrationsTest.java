package org.citylake.testdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code testdata convert} registers a city that the source registers by data (Monaco). */
class DataRegistrationsTest {

    static final Path TEST_DATA = Path.of("..", "test-data").toAbsolutePath().normalize();

    @Test
    void monacosRegistrationIsCopiedToItsRefFolder(@TempDir Path out) throws Exception {
        List<ConvertedFile> written = FeedConverter.convertAll(TEST_DATA, out);
        Path monaco = out.resolve("monaco/ref/cities.jsonl");
        assertThat(Files.readAllLines(monaco))
                .containsExactly(
                        "{\"city\":\"monaco\",\"name\":\"Monaco\",\"country\":\"MC\","
                                + "\"time_zone\":\"Europe/Monaco\",\"lon\":7.4246,\"lat\":43.7384}");
        assertThat(written)
                .filteredOn(f -> f.city().equals("monaco"))
                .extracting(ConvertedFile::table, ConvertedFile::lines)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ref.cities", 1L));
        // the bundled cities are registered as before
        assertThat(out.resolve("aarhus/ref/cities.jsonl")).exists();
    }

    @Test
    void aFolderWithoutARegistrationWritesNone(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("source");
        Files.createDirectories(source.resolve("empty-folder"));
        assertThat(FeedConverter.copyRegistrations(source, dir.resolve("out"))).isEmpty();
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
