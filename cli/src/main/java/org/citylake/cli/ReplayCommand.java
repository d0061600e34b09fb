package org.citylake.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.citylake.analytics.job.TextTable;
import org.citylake.ingest.kafka.FeedPublisher;
import org.citylake.ingest.kafka.FeedTopics;
import org.citylake.ingest.kafka.KafkaAdmin;
import org.citylake.ingest.source.ReplayFile;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.lakehouse.config.LakeOptions;
import org.citylake.model.feed.FeedCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code citylake replay --to kafka}: publish converted feed files to the feed topics. */
@Command(
        name = "replay",
        description = {
            "Publish the converted feed files <feeds>/<city>/<feed>.jsonl[.gz] to the Kafka topics"
                    + " city.<feed>: key = entity id, value = the JSON line, header city.",
            "As fast as possible, at --rate messages/s, or at --speedup times real time (by"
                    + " observation time). Then run `citylake ingest --from kafka`."
        },
        mixinStandardHelpOptions = true)
public final class ReplayCommand implements Callable<Integer> {

    /** Where to publish; only Kafka for now. */
    enum Target {
        kafka
    }

    @Mixin LakeArgs lakeArgs;

    @Option(
            names = "--to",
            required = true,
            paramLabel = "TARGET",
            description = "Where to publish: kafka.")
    Target to;

    @Mixin FeedsArgs feedsArgs;

    @Mixin FeedSelectionArgs selection;

    @Option(
            names = "--rate",
            paramLabel = "N",
            description = "Publish N messages/s in total (default: as fast as possible).")
    double rate;

    @Option(
            names = "--speedup",
            paramLabel = "X",
            description = "Publish at X times real time, by the readings' observation times.")
    double speedup;

    @Option(
            names = "--bootstrap",
            paramLabel = "HOST:PORT",
            description =
                    "Bootstrap servers (default citylake.kafka.bootstrap-servers, written by"
                            + " `citylake stack up`).")
    String bootstrap;

    @Mixin ProgressArgs progressArgs;

    @Override
    public Integer call() throws Exception {
        FeedPublisher.Pacing pacing = new FeedPublisher.Pacing(rate, speedup);
        LakeConfig config = lakeArgs.load();
        String servers = bootstrap != null ? bootstrap : config.get(LakeOptions.KAFKA_BOOTSTRAP);
        if (servers == null || servers.isBlank()) {
            throw new IllegalArgumentException(
                    "no Kafka bootstrap servers: run `citylake stack up` and use --profile stack,"
                            + " or pass --bootstrap HOST:PORT");
        }
        Path dir = feedsArgs.dir(config);
        FeedCatalog catalog = FeedCatalog.forDataDir(config.dataDir());
        Map<String, List<ReplayFile>> files =
                FeedFiles.find(dir, selection.feeds(catalog), selection.cities());
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no feed files under " + dir.toAbsolutePath());
        }
        try (var admin = KafkaAdmin.open(servers)) {
            KafkaAdmin.requireReachable(admin, servers);
            List<String> created = FeedTopics.ensure(admin, files.keySet());
            if (!created.isEmpty()) {
                System.err.println("created topics " + created);
            }
        }
        long total = FeedFiles.totalLines(files);
        System.err.printf("publishing %,d messages to %s%n", total, servers);
        Map<String, Long> counts;
        long started = System.nanoTime();
        try (FeedPublisher publisher = new FeedPublisher(servers);
                ProgressBar bar = progressArgs.show() ? bar(total) : null) {
            counts =
                    publisher.publish(
                            files,
                            pacing,
                            n -> {
                                if (bar != null) {
                                    bar.stepTo(n);
                                }
                            });
        }
        List<List<String>> rows = new ArrayList<>();
        counts.forEach((topic, n) -> rows.add(List.of(topic, String.format("%,d", n))));
        TextTable.print(System.out, List.of("topic", "messages"), rows, false);
        System.err.printf(
                "%,d messages in %.1f s%n",
                counts.values().stream().mapToLong(Long::longValue).sum(),
                (System.nanoTime() - started) / 1e9);
        return 0;
    }

    private static ProgressBar bar(long total) {
        return new ProgressBarBuilder()
                .setTaskName("replay")
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(" msgs", 1)
                .showSpeed()
                .continuousUpdate()
                .build();
    }
}
