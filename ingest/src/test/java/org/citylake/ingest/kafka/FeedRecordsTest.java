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
    void cityComesFromTheHeaderOnlyNeverFromTheEntityId() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(FeedRecords.CITY_HEADER, "beijing".getBytes(StandardCharsets.UTF_8));
        assertThat(FeedRecords.city(headers)).isEqualTo("beijing");
        // the id says aarhus, but ids follow the producer's convention, not a contract
        assertThat(FeedRecords.city(new RecordHeaders())).isNull();
        RecordHeaders empty = new RecordHeaders();
        empty.add(FeedRecords.CITY_HEADER, new byte[0]);
        assertThat(FeedRecords.city(empty)).isNull();
        assertThat(FeedRecords.city(null)).isNull();
    }

    @Test
    void withoutTheCityHeaderTheFiwareTenantNamesTheCity() {
        RecordHeaders tenant = new RecordHeaders();
        tenant.add("Fiware-Service", "brisbane".getBytes(StandardCharsets.UTF_8));
        tenant.add("Fiware-ServicePath", "/traffic".getBytes(StandardCharsets.UTF_8));
        assertThat(FeedRecords.city(tenant)).isEqualTo("brisbane");

        RecordHeaders both = new RecordHeaders();
        both.add("fiware-service", "tenant".getBytes(StandardCharsets.UTF_8));
        both.add(FeedRecords.CITY_HEADER, "sydney".getBytes(StandardCharsets.UTF_8));
        assertThat(FeedRecords.city(both)).isEqualTo("sydney"); // CityLake's own header first

        RecordHeaders blank = new RecordHeaders();
        blank.add("FIWARE-SERVICE", " ".getBytes(StandardCharsets.UTF_8));
        assertThat(FeedRecords.city(blank)).isNull();
    }

    @Test
    void deserializerReadsTheTenantOfRecordsWithoutACityHeader() {
        List<String> cities = new ArrayList<>();
        FeedMessageDeserializer deserializer = new FeedMessageDeserializer();
        String[][] headers = {
            {"city", "sydney"}, {"Fiware-Service", "brisbane"}, {"city", "sydney"}
        };
        for (String[] header : headers) {
            ConsumerRecord<byte[], byte[]> record =
                    new ConsumerRecord<>(
                            "city.traffic", 0, 1L, null, TRAFFIC.getBytes(StandardCharsets.UTF_8));
            record.headers().add(header[0], header[1].getBytes(StandardCharsets.UTF_8));
            deserializer.deserialize(
                    record,
                    new Collector<>() {
                        @Override
                        public void collect(FeedMessage m) {
                            cities.add(m.city);
                        }

                        @Override
                        public void close() {}
                    });
        }
        assertThat(cities).containsExactly("sydney", "brisbane", "sydney");
    }

    @Test
    void deserializerKeepsPayloadCityAndKafkaPosition() {
        ConsumerRecord<byte[], byte[]> withCity =
                new ConsumerRecord<>(
                        "city.traffic",
                        0,
                        7L,
                        "k".getBytes(StandardCharsets.UTF_8),
                        TRAFFIC.getBytes(StandardCharsets.UTF_8));
        withCity.headers().add(FeedRecords.CITY_HEADER, "sydney".getBytes(StandardCharsets.UTF_8));
        List<FeedMessage> first = new ArrayList<>();
        new FeedMessageDeserializer()
                .deserialize(
                        withCity,
                        new Collector<>() {
                            @Override
                            public void collect(FeedMessage m) {
                                first.add(m);
                            }

                            @Override
                            public void close() {}
                        });
        assertThat(first).extracting(m -> m.city).containsExactly("sydney");

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
        assertThat(out.get(0).payloadText()).isEqualTo(TRAFFIC);
        assertThat(out.get(0).city).isEmpty(); // no header: dead-lettered as UNKNOWN_CITY
        assertThat(out.get(0).sourcePosition).isEqualTo("city.traffic/3@1234");
    }

    @Test
    void topicsMapBothWays() {
        for (Feed feed : Feed.values()) {
            assertThat(FeedTopics.feed(FeedTopics.topic(feed.id()))).isEqualTo(feed.id());
        }
        assertThat(FeedTopics.topic("noise")).isEqualTo("city.noise");
        assertThat(FeedTopics.feed("city.noise")).isEqualTo("noise");
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
