package org.citylake.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.citylake.ingest.source.ReplayFile;
import org.citylake.model.Feed;

/** Finds replay files laid out as {@code <feeds>/<city>/<feed>.jsonl[.gz]}. */
final class FeedFiles {

    private FeedFiles() {}

    static Map<Feed, List<ReplayFile>> find(Path feedsDir, Set<Feed> feeds, Set<String> cities)
            throws IOException {
        if (!Files.isDirectory(feedsDir)) {
            throw new IllegalArgumentException(
                    "feeds directory "
                            + feedsDir.toAbsolutePath()
                            + " does not exist; create it with `citylake testdata convert`");
        }
        Map<Feed, List<ReplayFile>> found = new EnumMap<>(Feed.class);
        try (Stream<Path> dirs = Files.list(feedsDir).sorted()) {
            for (Path cityDir : dirs.filter(Files::isDirectory).toList()) {
                String city = cityDir.getFileName().toString();
                if (!cities.isEmpty() && !cities.contains(city)) {
                    continue;
                }
                for (Feed feed : feeds) {
                    for (String name : List.of(feed.id() + ".jsonl", feed.id() + ".jsonl.gz")) {
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

    static long totalLines(Map<Feed, List<ReplayFile>> files) {
        return files.values().stream().flatMap(List::stream).mapToLong(ReplayFile::lines).sum();
    }
}
