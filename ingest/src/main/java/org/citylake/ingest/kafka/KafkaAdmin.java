package org.citylake.ingest.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Admin calls of the CLI: reachability with a clear error, and the backlog of the ingest group. */
public final class KafkaAdmin {

    private KafkaAdmin() {}

    /**
     * An admin client that gives up quickly, so an unreachable broker is reported, not waited on.
     */
    public static Admin open(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        return Admin.create(props);
    }

    /** Throws an error naming the bootstrap servers and the fix when no broker answers. */
    public static void requireReachable(Admin admin, String bootstrapServers) {
        try {
            admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            String why = e instanceof TimeoutException ? "timed out" : rootMessage(e);
            throw new IllegalStateException(
                    "Kafka at "
                            + bootstrapServers
                            + " is not reachable ("
                            + why
                            + "); start it with `citylake stack up` or pass --bootstrap",
                    e);
        }
    }

    /** The feeds among {@code feeds} whose topic exists. */
    public static Set<String> existing(Admin admin, Set<String> feeds) throws Exception {
        Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
        Set<String> found = new java.util.TreeSet<>();
        feeds.stream().filter(f -> topics.contains(FeedTopics.topic(f))).forEach(found::add);
        return found;
    }

    /**
     * Messages not yet consumed by {@code groupId} on the topics of {@code feeds}: end offset minus
     * the committed offset (or the earliest offset when nothing is committed).
     */
    public static long backlog(Admin admin, Set<String> feeds, String groupId) throws Exception {
        List<String> topics = feeds.stream().map(FeedTopics::topic).toList();
        if (topics.isEmpty()) {
            return 0;
        }
        Map<String, TopicDescription> described =
                admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        described
                .values()
                .forEach(
                        d ->
                                d.partitions()
                                        .forEach(
                                                p -> {
                                                    TopicPartition tp =
                                                            new TopicPartition(
                                                                    d.name(), p.partition());
                                                    latest.put(tp, OffsetSpec.latest());
                                                    earliest.put(tp, OffsetSpec.earliest());
                                                }));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts =
                admin.listOffsets(earliest).all().get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(groupId)
                        .partitionsToOffsetAndMetadata()
                        .get(30, TimeUnit.SECONDS);
        long sum = 0;
        for (var end : ends.entrySet()) {
            OffsetAndMetadata c = committed.get(end.getKey());
            long from = c != null ? c.offset() : starts.get(end.getKey()).offset();
            sum += Math.max(0, end.getValue().offset() - from);
        }
        return sum;
    }

    /** The current end offset of every partition of the feeds' topics. */
    public static Map<TopicPartition, Long> endOffsets(Admin admin, Set<String> feeds)
            throws Exception {
        List<String> topics = feeds.stream().map(FeedTopics::topic).toList();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics)
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .values()
                .forEach(
                        d ->
                                d.partitions()
                                        .forEach(
                                                p ->
                                                        latest.put(
                                                                new TopicPartition(
                                                                        d.name(), p.partition()),
                                                                OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest)
                .all()
                .get(30, TimeUnit.SECONDS)
                .forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /**
     * Moves the group's committed offsets forward to {@code offsets} where they are behind, never
     * back. A bounded Kafka source finishes without committing what it read after its last
     * checkpoint; committing the offsets it was known to reach makes the next bounded run start
     * where this one ended instead of re-reading (harmless, dedup drops it, but slow).
     */
    public static void commitAtLeast(Admin admin, String groupId, Map<TopicPartition, Long> offsets)
            throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(groupId)
                        .partitionsToOffsetAndMetadata()
                        .get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetAndMetadata> forward = new HashMap<>();
        offsets.forEach(
                (tp, offset) -> {
                    OffsetAndMetadata c = committed.get(tp);
                    if (c == null || c.offset() < offset) {
                        forward.put(tp, new OffsetAndMetadata(offset));
                    }
                });
        if (!forward.isEmpty()) {
            admin.alterConsumerGroupOffsets(groupId, forward).all().get(30, TimeUnit.SECONDS);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
