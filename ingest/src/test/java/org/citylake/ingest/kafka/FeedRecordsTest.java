package org.citylake.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.citylake.ingest.FeedMessage;
import org.citylake.model.Feed;
import org.junit.jupiter.api.Test;

class FeedRecordsTest {

    static final String TRAFFIC =
            "{\"type\":\"TrafficFlowObserved\",\"nested\":{\"id\":\"no\"},"
                    + "\"id\":\"urn:ngsi-ld:TrafficFlowObserved:aarhus:158324\","
                    + "\"dateObserved\":\"2014-08-18T00:25:00+02:00/2014-08-18T00:30:00+02:00\"}";

    @Test
    void entityIdIsTheTopLevelIdOnly() {
        assertThat(FeedRecords.entityId(TRAFFIC))
                .isEqualTo("urn:ngsi-ld:TrafficFlowObserved:aarhus:158324");
        assertThat(FeedRecords.entityId("{\"nested\":{\"id\":\"x\"}}")).isNull();
        assertThat(FeedRecords.entityId("{\"id\":42}")).isNull();
        assertThat(FeedRecords.entityId("not json")).isNull();
        assertThat(FeedRecords.entityId("[1,2]")).isNull();
    }

    @Test
    void cityComesFromTheHeaderElseFromTheEntityId() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(FeedRecords.CITY_HEADER, "beijing".getBytes(StandardCharsets.UTF_8));
        assertThat(FeedRecords.city(headers, null, TRAFFIC)).isEqualTo("beijing");
        assertThat(FeedRecords.city(new RecordHeaders(), null, TRAFFIC)).isEqualTo("aarhus");
        byte[] key = "urn:ngsi-ld:WasteContainer:edinburgh:325048".getBytes(StandardCharsets.UTF_8);
        assertThat(FeedRecords.city(new RecordHeaders(), key, TRAFFIC)).isEqualTo("edinburgh");
        assertThat(FeedRecords.city(new RecordHeaders(), null, "{\"id\":\"sensor-1\"}")).isNull();
        assertThat(FeedRecords.cityOfEntityId("urn:ngsi-ld:X::1")).isNull();
    }

    @Test
    void deserializerKeepsPayloadCityAndKafkaPosition() {
        ConsumerRecord<byte[], byte[]> record =
                new ConsumerRecord<>(
                        "city.traffic",
                        3,
                        1234L,
                        "k".getBytes(StandardCharsets.UTF_8),
                        TRAFFIC.getBytes(StandardCharsets.UTF_8));
        List<FeedMessage> out = new ArrayList<>();
        new FeedMessageDeserializer()
                .deserialize(
                        record,
                        new Collector<>() {
                            @Override
                            public void collect(FeedMessage m) {
                                out.add(m);
                            }

                            @Override
                            public void close() {}
                        });
        assertThat(out).hasSize(1);
        assertThat(out.get(0).payload).isEqualTo(TRAFFIC);
        assertThat(out.get(0).city).isEqualTo("aarhus");
        assertThat(out.get(0).sourcePosition).isEqualTo("city.traffic/3@1234");
    }

    @Test
    void topicsMapBothWays() {
        for (Feed feed : Feed.values()) {
            assertThat(FeedTopics.feed(FeedTopics.topic(feed))).isEqualTo(feed);
        }
        assertThat(FeedTopics.topic(Feed.PARKING)).isEqualTo("city.parking");
        assertThatThrownBy(() -> FeedTopics.feed("traffic")).hasMessageContaining("not a CityLake");
    }

    @Test
    void observationTimeForPacing() {
        assertThat(FeedPublisher.observedAt(TRAFFIC))
                .isEqualTo(Instant.parse("2014-08-17T22:25:00Z"));
        assertThat(
                        FeedPublisher.observedAt(
                                "{\"dateObserved\":{\"type\":\"DateTime\","
                                        + "\"value\":\"2010-01-02T00:00:00+08:00\"}}"))
                .isEqualTo(Instant.parse("2010-01-01T16:00:00Z"));
        assertThat(FeedPublisher.observedAt("{\"dateObserved\":\"yesterday\"}")).isNull();
        assertThat(FeedPublisher.observedAt("{}")).isNull();
        assertThatThrownBy(() -> new FeedPublisher.Pacing(10, 2)).hasMessageContaining("not both");
    }
}
