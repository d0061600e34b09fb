package org.citylake.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceFilesTest {

    @TempDir Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (name.endsWith(".gz")) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(bytes);
            }
        } else {
            Files.write(file, bytes);
        }
        return file;
    }

    private static String read(Path file) throws IOException {
        try (Reader reader = SourceFiles.openReader(file)) {
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[1024];
            for (int n; (n = reader.read(buffer)) > 0; ) {
                text.append(buffer, 0, n);
            }
            return text.toString();
        }
    }

    @Test
    void findsThePlainFileFirstThenTheGzippedOne() throws IOException {
        assertThat(SourceFiles.find(dir, "a.csv")).isEmpty();
        Path gz = write("a.csv.gz", "x\n1\n");
        assertThat(SourceFiles.find(dir, "a.csv")).contains(gz);
        Path plain = write("a.csv", "x\n1\n");
        assertThat(SourceFiles.find(dir, "a.csv")).contains(plain);
    }

    @Test
    void requireNamesBothCandidatesWhenNeitherExists() {
        assertThatThrownBy(() -> SourceFiles.require(dir, "a.csv"))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("neither a.csv nor a.csv.gz is in " + dir);
    }

    @Test
    void findAllTakesEachFileOnceSortedByName() throws IOException {
        write("aarhus_traffic_2.csv.gz", "");
        Path one = write("aarhus_traffic_1.csv", "");
        write("aarhus_traffic_1.csv.gz", "");
        write("aarhus_weather.csv", "");
        write("trafficMetaData.csv", "");
        assertThat(SourceFiles.findAll(dir, "aarhus_traffic_", ".csv"))
                .containsExactly(one, dir.resolve("aarhus_traffic_2.csv.gz"));
    }

    @Test
    void readsGzippedAndPlainAlikeAndSkipsAByteOrderMark() throws IOException {
        String text = "name,city\nSøftenvej,Aarhus\n";
        assertThat(read(write("p.csv", text))).isEqualTo(text);
        assertThat(read(write("g.csv.gz", text))).isEqualTo(text);
        assertThat(read(write("bom.csv", "\uFEFF" + text))).isEqualTo(text);
    }

    @Test
    void csvNeedsItsColumnsAndToleratesShortRows() throws IOException {
        Path file = write("c.csv", "a,b\r\n1,2\r\n3\r\n");
        try (CSVParser csv = SourceFiles.openCsv(file, "a", "b")) {
            List<CSVRecord> rows = csv.getRecords();
            assertThat(SourceFiles.cell(rows.get(0), "b")).isEqualTo("2");
            assertThat(SourceFiles.cell(rows.get(1), "b")).isEmpty();
        }
        assertThatThrownBy(() -> SourceFiles.openCsv(file, "a", "c").close())
                .isInstanceOf(IOException.class)
                .hasMessage(file + ": column 'c' is missing from the header; found [a, b]");
    }
}
