package org.citylake.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.citylake.ingest.source.ReplayFile;

/** Finds replay files laid out as {@code <feeds>/<city>/<feed>.jsonl[.gz]}. */
final class FeedFiles {

    private FeedFiles() {}

    static Map<String, List<ReplayFile>> find(Path feedsDir, Set<String> feeds, Set<String> cities)
            throws IOException {
        if (!Files.isDirectory(feedsDir)) {
            throw new IllegalArgumentException(
                    "feeds directory "
                            + feedsDir.toAbsolutePath()
                            + " does not exist; create it with `citylake testdata convert`");
        }
        Map<String, List<ReplayFile>> found = new LinkedHashMap<>();
        try (Stream<Path> dirs = Files.list(feedsDir).sorted()) {
            for (Path cityDir : dirs.filter(Files::isDirectory).toList()) {
                String city = cityDir.getFileName().toString();
                if (!cities.isEmpty() && !cities.contains(city)) {
                    continue;
                }
                for (String feed : feeds) {
                    for (String name : List.of(feed + ".jsonl", feed + ".jsonl.gz")) {
                        Path file = cityDir.resolve(name);
                        if (Files.isRegularFile(file)) {
                            found.computeIfAbsent(feed, f -> new ArrayList<>())
                                    .add(ReplayFile.of(city, file));
                        }
                    }
                }
            }
        }
        return found;
    }

    static long totalLines(Map<String, List<ReplayFile>> files) {
        return files.values().stream().flatMap(List::stream).mapToLong(ReplayFile::lines).sum();
    }
}
