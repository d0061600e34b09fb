package org.citylake.ingest.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.citylake.ingest.source.ReplayFile;

/**
 * Publishes converted feed files to the feed topics, laid out as {@link FeedRecords} describes,
 * with an idempotent producer (acks=all): a retried send is never written twice.
 */
public final class FeedPublisher implements AutoCloseable {

    /**
     * How fast to publish: {@code rate} messages/s, or {@code speedup} × real time by observation
     * time; both ≤ 0 = as fast as possible.
     */
    public record Pacing(double rate, double speedup) {
        public static final Pacing UNPACED = new Pacing(0, 0);

        public Pacing {
            if (rate > 0 && speedup > 0) {
                throw new IllegalArgumentException("choose --rate or --speedup, not both");
            }
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final KafkaProducer<byte[], byte[]> producer;

    public FeedPublisher(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // Fail within seconds, not the default minute, when the broker goes away mid-replay.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        this.producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Publishes every line of {@code files}; {@code acked} receives the running count of
     * acknowledged messages. Returns the acknowledged count per topic.
     */
    public Map<String, Long> publish(
            Map<String, List<ReplayFile>> files, Pacing pacing, LongConsumer acked)
            throws Exception {
        Map<String, AtomicLong> counts = new TreeMap<>();
        AtomicLong total = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Cursor> cursors = new ArrayList<>();
        try {
            files.forEach(
                    (feed, list) -> {
                        counts.putIfAbsent(FeedTopics.topic(feed), new AtomicLong());
                        list.forEach(f -> cursors.add(new Cursor(feed, f, pacing.speedup() > 0)));
                    });
            // Merged by observation time when replaying in (scaled) real time; in file order else.
            PriorityQueue<Cursor> queue =
                    new PriorityQueue<>(
                            Comparator.comparing((Cursor c) -> c.observedAt)
                                    .thenComparingInt(c -> cursors.indexOf(c)));
            for (Cursor c : cursors) {
                if (c.advance()) {
                    queue.add(c);
                }
            }
            Pacer pacer = new Pacer(pacing);
            long sent = 0;
            while (!queue.isEmpty()) {
                Cursor c = queue.poll();
                if (failure.get() != null) {
                    break;
                }
                pacer.await(sent, c.observedAt);
                String topic = FeedTopics.topic(c.feed);
                String id = FeedRecords.entityId(c.line);
                ProducerRecord<byte[], byte[]> record =
                        new ProducerRecord<>(
                                topic,
                                id == null ? null : id.getBytes(StandardCharsets.UTF_8),
                                c.line.getBytes(StandardCharsets.UTF_8));
                record.headers()
                        .add(
                                FeedRecords.CITY_HEADER,
                                c.file.city().getBytes(StandardCharsets.UTF_8));
                AtomicLong topicCount = counts.get(topic);
                producer.send(
                        record,
                        (metadata, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            } else {
                                topicCount.incrementAndGet();
                                acked.accept(total.incrementAndGet());
                            }
                        });
                sent++;
                if (c.advance()) {
                    queue.add(c);
                }
            }
            producer.flush();
        } finally {
            for (Cursor c : cursors) {
                c.close();
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException(
                    "publishing failed after "
                            + total.get()
                            + " acknowledged messages: "
                            + failure.get().getMessage(),
                    failure.get());
        }
        Map<String, Long> result = new TreeMap<>();
        counts.forEach((topic, n) -> result.put(topic, n.get()));
        return result;
    }

    @Override
    public void close() {
        producer.close();
    }

    /**
     * The observation time of an entity ({@code dateObservedFrom}, else the start of {@code
     * dateObserved}), for pacing only: null when absent or unreadable; a time without offset is
     * read as UTC, which keeps the spacing between readings right.
     */
    static Instant observedAt(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            for (String field : List.of("dateObservedFrom", "dateObserved")) {
                JsonNode v = node.get(field);
                if (v != null && v.isObject()) {
                    v = v.has("value") ? v.get("value") : v.get("@value");
                }
                if (v != null && v.isTextual()) {
                    String text = v.asText().split("/", 2)[0].trim();
                    try {
                        return OffsetDateTime.parse(text).toInstant();
                    } catch (RuntimeException notOffset) {
                        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // unreadable: no pacing information
        }
        return null;
    }

    /** One file being read; {@link #observedAt} is carried over for lines without a time. */
    private static final class Cursor {
        final String feed;
        final ReplayFile file;
        final boolean timed;
        BufferedReader reader;
        String line;
        Instant observedAt = Instant.MIN;

        Cursor(String feed, ReplayFile file, boolean timed) {
            this.feed = feed;
            this.file = file;
            this.timed = timed;
        }

        boolean advance() throws IOException {
            if (reader == null) {
                reader = ReplayFile.open(file.path());
            }
            line = reader.readLine();
            if (line == null) {
                close();
                return false;
            }
            if (timed) {
                Instant t = observedAt(line);
                if (t != null) {
                    observedAt = t;
                }
            }
            return true;
        }

        void close() throws IOException {
            if (reader != null) {
                reader.close();
                reader = null;
            }
        }
    }

    /** Sleeps until a message is due. */
    private static final class Pacer {
        private final Pacing pacing;
        private final long startNanos = System.nanoTime();
        private Instant firstObserved;

        Pacer(Pacing pacing) {
            this.pacing = pacing;
        }

        void await(long index, Instant observed) throws InterruptedException {
            long dueNanos;
            if (pacing.rate() > 0) {
                dueNanos = (long) (index * 1e9 / pacing.rate());
            } else if (pacing.speedup() > 0 && !Instant.MIN.equals(observed)) {
                if (firstObserved == null) {
                    firstObserved = observed;
                }
                long realNanos = java.time.Duration.between(firstObserved, observed).toNanos();
                dueNanos = (long) (realNanos / pacing.speedup());
            } else {
                return;
            }
            long wait = startNanos + dueNanos - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
    }
}
