package org.citylake.ingest.kafka;

import java.io.Serializable;
import java.util.Set;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.citylake.ingest.FeedMessage;

/** The Kafka side of the ingest job: one {@link KafkaSource} per feed topic. */
public final class KafkaFeedSource {

    public static final String GROUP_ID = "citylake-ingest";

    /**
     * Where the job reads from.
     *
     * @param bootstrapServers Kafka bootstrap servers
     * @param feeds the feeds whose topics are read
     * @param bounded stop at the end offsets seen when the job starts (tests, backfills)
     * @param groupId consumer group; offsets are committed to it on each completed checkpoint (for
     *     monitoring; the checkpoint is the authority on restore)
     */
    public record Input(String bootstrapServers, Set<String> feeds, boolean bounded, String groupId)
            implements Serializable {

        public Input {
            if (bootstrapServers == null || bootstrapServers.isBlank()) {
                throw new IllegalArgumentException(
                        "no Kafka bootstrap servers: set citylake.kafka.bootstrap-servers (written"
                                + " by `citylake stack up`) or pass --bootstrap");
            }
            feeds = Set.copyOf(feeds);
        }

        public static Input of(String bootstrapServers, Set<String> feeds, boolean bounded) {
            return new Input(bootstrapServers, feeds, bounded, GROUP_ID);
        }
    }

    private KafkaFeedSource() {}

    /**
     * A source over one feed topic: resumes from the group's committed offsets (from the earliest
     * on first start); offsets are part of the checkpoints, so a restore is exact.
     */
    public static KafkaSource<FeedMessage> source(Input input, String feed) {
        KafkaSourceBuilder<FeedMessage> builder =
                KafkaSource.<FeedMessage>builder()
                        .setBootstrapServers(input.bootstrapServers())
                        .setTopics(FeedTopics.topic(feed))
                        .setGroupId(input.groupId())
                        .setClientIdPrefix(input.groupId() + "-" + feed)
                        .setStartingOffsets(
                                OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                        .setDeserializer(new FeedMessageDeserializer())
                        .setProperty("commit.offsets.on.checkpoint", "true");
        if (input.bounded()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }
}
