package org.citylake.ingest.kafka;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.citylake.ingest.FeedMessage;

/**
 * A Kafka record → {@link FeedMessage}: the value as the payload, the city from {@link
 * FeedRecords#city}, and {@code <topic>/<partition>@<offset>} as the source position.
 */
public final class FeedMessageDeserializer
        implements KafkaRecordDeserializationSchema<FeedMessage> {

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<FeedMessage> out) {
        // Kept even without a value: the workflow dead-letters it rather than losing it silently.
        byte[] payload = record.value() == null ? new byte[0] : record.value();
        String city = city(record);
        out.collect(
                new FeedMessage(
                        city == null ? "" : city,
                        payload,
                        position(record.topic(), record.partition(), record.offset()),
                        System.currentTimeMillis()));
    }

    private transient byte[] lastCityBytes;
    private transient String lastCity;

    /** The record's city; decoded once while consecutive records name the same city. */
    private String city(ConsumerRecord<byte[], byte[]> record) {
        org.apache.kafka.common.header.Header header =
                record.headers() == null
                        ? null
                        : record.headers().lastHeader(FeedRecords.CITY_HEADER);
        byte[] bytes = header == null ? null : header.value();
        if (bytes == null || bytes.length == 0) {
            return FeedRecords.city(record.headers()); // the FIWARE tenant, if any
        }
        if (lastCityBytes != null && java.util.Arrays.equals(bytes, lastCityBytes)) {
            return lastCity;
        }
        String city = FeedRecords.city(record.headers());
        lastCityBytes = bytes;
        lastCity = city;
        return city;
    }

    public static String position(String topic, int partition, long offset) {
        return topic + "/" + partition + "@" + offset;
    }

    @Override
    public TypeInformation<FeedMessage> getProducedType() {
        return TypeInformation.of(FeedMessage.class);
    }
}
