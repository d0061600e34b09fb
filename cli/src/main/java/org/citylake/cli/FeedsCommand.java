package org.citylake.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.citylake.analytics.job.TextTable;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.model.feed.ColumnSpec;
import org.citylake.model.feed.EntityDescriptor;
import org.citylake.model.feed.FeedCatalog;
import org.citylake.model.feed.FeedDescriptor;
import org.citylake.model.feed.Units;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code citylake feeds list|show|check}: the feeds a lake ingests, as their descriptors say. */
@Command(
        name = "feeds",
        description = {
            "The feeds a lake ingests, each defined by a descriptor file: the FIWARE entity types"
                    + " it accepts, and for each attribute its column, type, unit and valid range.",
            "Built-in: traffic, air, lighting, waste, parking. A feed is added, or a built-in one"
                    + " replaced, by dropping <feed>.feed.json into <data-dir>/feeds.d/ (or the"
                    + " distribution's feeds/ folder); then `citylake lakehouse init` creates or"
                    + " evolves its tables and `citylake ingest` accepts it. No build is needed.",
            "The format is in the ingest module's README; `citylake feeds check FILE` checks a"
                    + " descriptor before it is dropped in."
        },
        mixinStandardHelpOptions = true,
        subcommands = {
            FeedsCommand.ListFeeds.class,
            FeedsCommand.Show.class,
            FeedsCommand.Check.class
        })
public final class FeedsCommand {

    static FeedCatalog catalog(LakeConfig config) {
        return FeedCatalog.forDataDir(config.dataDir());
    }

    @Command(
            name = "list",
            description =
                    "One line per entity type: feed, version, entity type, clean table, ref table,"
                            + " columns, where the descriptor was read.",
            mixinStandardHelpOptions = true)
    static final class ListFeeds implements Callable<Integer> {
        @Mixin LakeArgs lakeArgs;

        @Option(names = "--format", defaultValue = "table", description = "table or csv.")
        String format;

        @Override
        public Integer call() {
            FeedCatalog catalog = catalog(lakeArgs.load());
            List<List<String>> rows = new ArrayList<>();
            for (FeedDescriptor feed : catalog.feeds()) {
                for (EntityDescriptor entity : feed.entities()) {
                    rows.add(
                            List.of(
                                    feed.id(),
                                    Integer.toString(feed.version()),
                                    entity.type(),
                                    entity.cleanTable(),
                                    entity.refTable().orElse("(any)"),
                                    String.join(", ", entity.measureColumns()),
                                    feed.source()));
                }
            }
            TextTable.print(
                    System.out,
                    List.of(
                            "feed",
                            "version",
                            "entity_type",
                            "clean_table",
                            "ref_table",
                            "columns",
                            "descriptor"),
                    rows,
                    format.equals("csv"));
            return 0;
        }
    }

    @Command(
            name = "show",
            description =
                    "The columns of a feed's entity types: attribute read, type, canonical unit"
                            + " and the units converted from, valid range, required.",
            mixinStandardHelpOptions = true)
    static final class Show implements Callable<Integer> {
        @Mixin LakeArgs lakeArgs;

        @Parameters(index = "0", paramLabel = "FEED", description = "Feed id, e.g. traffic.")
        String feed;

        @Option(names = "--format", defaultValue = "table", description = "table or csv.")
        String format;

        @Override
        public Integer call() {
            FeedDescriptor descriptor = catalog(lakeArgs.load()).feed(feed);
            System.out.printf(
                    "feed %s, version %d (%s): %s%n",
                    descriptor.id(),
                    descriptor.version(),
                    descriptor.source(),
                    descriptor.description());
            List<List<String>> rows = new ArrayList<>();
            for (EntityDescriptor entity : descriptor.entities()) {
                rows.add(
                        List.of(
                                entity.type(),
                                entity.sensorColumn(),
                                String.join(" | ", entity.sensor().attributes()),
                                "text",
                                "",
                                entity.refTable().map(r -> "in " + r).orElse("any asset"),
                                "yes",
                                entity.sensor().comment()));
                String observed =
                        entity.observedAt().isInterval()
                                ? entity.observedAt().from()
                                        + ".."
                                        + (entity.observedAt().to() == null
                                                ? ""
                                                : entity.observedAt().to())
                                : String.join(" | ", entity.observedAt().attributes());
                rows.add(
                        List.of(
                                entity.type(),
                                "observed_at",
                                observed,
                                "timestamp",
                                "",
                                "not in the future",
                                "yes",
                                "observation time"));
                for (ColumnSpec column : entity.columns()) {
                    rows.add(
                            List.of(
                                    entity.type(),
                                    column.name(),
                                    column.attribute() == null
                                            ? "= " + column.derive()
                                            : column.attribute()
                                                    + (column.fallback() == null
                                                            ? ""
                                                            : " | " + column.fallback()),
                                    column.type().id(),
                                    units(column),
                                    checks(column),
                                    column.required() ? "yes" : "",
                                    column.comment()));
                }
            }
            TextTable.print(
                    System.out,
                    List.of(
                            "entity_type",
                            "column",
                            "attribute",
                            "type",
                            "unit",
                            "check",
                            "required",
                            "comment"),
                    rows,
                    format.equals("csv"));
            return 0;
        }

        private static String units(ColumnSpec column) {
            if (column.unit() == null) {
                return "";
            }
            StringBuilder text = new StringBuilder(column.unit());
            String symbol = column.shownUnit();
            if (!symbol.isEmpty() && !symbol.equals(column.unit())) {
                text.append(" (").append(symbol).append(')');
            }
            if (!column.convert().isEmpty()) {
                text.append("; from ")
                        .append(
                                String.join(
                                        ", ",
                                        column.convert().keySet().stream()
                                                .sorted()
                                                .map(c -> c + " " + Units.symbol(c))
                                                .toList()));
            }
            return text.toString();
        }

        private static String checks(ColumnSpec column) {
            List<String> checks = new ArrayList<>();
            if (column.min() != null || column.max() != null) {
                checks.add(
                        (column.min() == null ? "-∞" : number(column.min()))
                                + (column.minExclusive() ? " < v" : " ≤ v")
                                + (column.maxExclusive() ? " < " : " ≤ ")
                                + (column.max() == null ? "∞" : number(column.max())));
            }
            if (!column.values().isEmpty()) {
                checks.add("one of " + String.join(", ", column.values()));
            }
            if (column.atMost() != null) {
                checks.add("≤ " + column.atMost());
            }
            if (column.list()) {
                checks.add("text or list");
            }
            return String.join("; ", checks);
        }

        private static String number(double value) {
            return value == Math.rint(value)
                    ? Long.toString((long) value)
                    : String.format(Locale.ROOT, "%s", value);
        }
    }

    @Command(
            name = "check",
            description =
                    "Checks a descriptor file, alone and beside the lake's other feeds; prints what"
                            + " it defines, or what to change.",
            mixinStandardHelpOptions = true)
    static final class Check implements Callable<Integer> {
        @Mixin LakeArgs lakeArgs;

        @Parameters(index = "0", paramLabel = "FILE", description = "A <feed>.feed.json file.")
        Path file;

        @Override
        public Integer call() throws Exception {
            FeedDescriptor feed = FeedCatalog.parse(Files.readString(file), file.toString());
            // beside the lake's feeds: a type or table another feed has is refused
            List<Path> folders = new ArrayList<>();
            FeedCatalog.projectFolder().ifPresent(folders::add);
            folders.add(lakeArgs.load().dataDir().resolve(FeedCatalog.LAKE_FOLDER));
            Path alone = Files.createTempDirectory("citylake-feed-check");
            try {
                Files.copy(file, alone.resolve(feed.id() + FeedCatalog.SUFFIX));
                folders.add(alone);
                FeedCatalog.load(folders);
            } finally {
                try (var files = Files.list(alone)) {
                    for (Path f : files.toList()) {
                        Files.delete(f);
                    }
                }
                Files.delete(alone);
            }
            System.out.printf(
                    "%s: feed %s, version %d, ok: %s%n",
                    file,
                    feed.id(),
                    feed.version(),
                    String.join(
                            "; ",
                            feed.entities().stream()
                                    .map(
                                            e ->
                                                    e.type()
                                                            + " → "
                                                            + e.cleanTable()
                                                            + " ("
                                                            + e.measureColumns().size()
                                                            + " columns)")
                                    .toList()));
            return 0;
        }
    }
}
