package org.citylake.bench.traffic;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.citylake.ingest.kafka.FeedRecords;
import org.citylake.ingest.kafka.FeedTopics;
import org.citylake.model.Feed;

/**
 * Publishes traffic readings to the feed topic laid out as the product's publisher does (key =
 * entity id, value = the JSON line, header {@value FeedRecords#CITY_HEADER}), idempotent with
 * acks=all.
 */
public final class TrafficProducer implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic = FeedTopics.topic(Feed.TRAFFIC.id());
    private final AtomicLong acked = new AtomicLong();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    /**
     * @param lingerMs how long a batch may wait for more records: 20 for bulk loads, 0 for latency
     *     probes
     */
    public TrafficProducer(String bootstrapServers, int lingerMs) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        this.producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Sends one reading of {@code city}; failures surface in {@link #flush}. */
    public void send(String city, String json) {
        String id = FeedRecords.entityId(json);
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(
                        topic,
                        id == null ? null : id.getBytes(StandardCharsets.UTF_8),
                        json.getBytes(StandardCharsets.UTF_8));
        record.headers().add(FeedRecords.CITY_HEADER, city.getBytes(StandardCharsets.UTF_8));
        producer.send(
                record,
                (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    } else {
                        acked.incrementAndGet();
                    }
                });
    }

    /** Sends all {@code readings}, waits for every acknowledgement; returns the count acked. */
    public long sendAll(String city, Iterator<String> readings, Runnable everyHundredThousand) {
        long sent = 0;
        while (readings.hasNext()) {
            send(city, readings.next());
            if (++sent % 100_000 == 0) {
                everyHundredThousand.run();
            }
        }
        flush();
        return acked.get();
    }

    /** Waits for every send so far; throws if any failed. */
    public void flush() {
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException(
                    "publishing to "
                            + topic
                            + " failed after "
                            + acked.get()
                            + " acknowledged readings: "
                            + failure.get().getMessage(),
                    failure.get());
        }
    }

    public long acked() {
        return acked.get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
