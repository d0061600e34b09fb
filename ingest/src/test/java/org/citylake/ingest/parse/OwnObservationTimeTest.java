package org.citylake.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citylake.ingest.parse.ParserFixtures.accepted;
import static org.citylake.ingest.parse.ParserFixtures.json;
import static org.citylake.ingest.parse.ParserFixtures.minimal;
import static org.citylake.ingest.parse.ParserFixtures.rejected;
import static org.citylake.ingest.parse.ParserFixtures.tree;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.citylake.model.EntityType;
import org.citylake.model.Feed;
import org.junit.jupiter.api.Test;

/**
 * A reading sent without the entity's time attribute (dateObserved, dateObservedFrom, …) is timed
 * by the time its attributes were sent with: NGSI-LD {@code observedAt}, or the {@code TimeInstant}
 * metadata FIWARE IoT agents add in NGSI-v2.
 */
class OwnObservationTimeTest {

    private static final String AT = "2024-03-12T09:30:00Z";

    /** An AirQualityObserved reading without dateObserved, with {@code pm25} as given. */
    private static String airWith(String pm25) {
        ObjectNode entity = minimal(EntityType.AIR_QUALITY_OBSERVED);
        entity.remove("dateObserved");
        entity.set("pm25", tree(pm25));
        return json(entity);
    }

    @Test
    void anNgsiLdPropertysObservedAtTimesTheReading() {
        ParsedReading reading =
                accepted(
                        Feed.AIR,
                        airWith(
                                "{\"type\":\"Property\",\"value\":12.5,\"unitCode\":\"GQ\","
                                        + "\"observedAt\":\""
                                        + AT
                                        + "\"}"));
        assertThat(reading.observedAt()).isEqualTo(Instant.parse(AT));
        assertThat(reading.values()).containsEntry("pm25", 12.5);
    }

    @Test
    void anNgsiLdConciseReadingIsReadWithItsTimeAndUnit() {
        ObjectNode entity = minimal(EntityType.AIR_QUALITY_OBSERVED);
        entity.remove("dateObserved");
        entity.set("refPointOfInterest", tree("{\"object\":\"station-7\"}"));
        entity.set("co", tree("{\"value\":0.5,\"unitCode\":\"GP\",\"observedAt\":\"" + AT + "\"}"));
        ParsedReading reading = accepted(Feed.AIR, json(entity));
        assertThat(reading.observedAt()).isEqualTo(Instant.parse(AT));
        assertThat(reading.sensorId()).isEqualTo("station-7");
        assertThat(reading.values()).containsEntry("co", 500.0); // mg/m³ → µg/m³
    }

    @Test
    void anIotAgentsTimeInstantMetadataTimesTheReading() {
        ParsedReading reading =
                accepted(
                        Feed.AIR,
                        airWith(
                                "{\"type\":\"Number\",\"value\":12.5,\"metadata\":{"
                                        + "\"TimeInstant\":{\"type\":\"DateTime\",\"value\":\""
                                        + AT
                                        + "\"},\"unitCode\":{\"type\":\"Text\",\"value\":\"GQ\"}}}"));
        assertThat(reading.observedAt()).isEqualTo(Instant.parse(AT));
        assertThat(reading.values()).containsEntry("pm25", 12.5);
    }

    @Test
    void theEntitysTimeAttributeComesFirst() {
        ObjectNode entity = minimal(EntityType.AIR_QUALITY_OBSERVED);
        entity.set(
                "pm25",
                tree("{\"type\":\"Property\",\"value\":12.5,\"observedAt\":\"" + AT + "\"}"));
        assertThat(accepted(Feed.AIR, json(entity)).observedAt())
                .isEqualTo(ParserFixtures.OBSERVED);
    }

    @Test
    void anIntervalWithoutItsStartIsTimedByTheAttributes() {
        ObjectNode entity = minimal(EntityType.TRAFFIC_FLOW_OBSERVED);
        entity.remove("dateObserved");
        entity.set(
                "intensity",
                tree("{\"type\":\"Property\",\"value\":14,\"observedAt\":\"" + AT + "\"}"));
        ParsedReading reading = accepted(Feed.TRAFFIC, json(entity));
        assertThat(reading.observedAt()).isEqualTo(Instant.parse(AT));
        assertThat(reading.values()).containsEntry("intensity", 14L);
    }

    @Test
    void anUnreadableOwnTimeIsABadTimestampThatNamesTheAttribute() {
        ParseOutcome.Rejected rejected =
                rejected(
                        Feed.AIR,
                        airWith("{\"type\":\"Property\",\"value\":12.5,\"observedAt\":\"soon\"}"));
        assertThat(rejected.reason()).isEqualTo(RejectReason.BAD_TIMESTAMP);
        assertThat(rejected.detail()).contains("pm25.observedAt='soon'");
    }

    @Test
    void withoutAnyTimeTheReadingIsMissingAField() {
        ObjectNode entity = minimal(EntityType.AIR_QUALITY_OBSERVED);
        entity.remove("dateObserved");
        entity.put("pm25", 12.5);
        ParseOutcome.Rejected rejected = rejected(Feed.AIR, json(entity));
        assertThat(rejected.reason()).isEqualTo(RejectReason.MISSING_FIELD);
        assertThat(rejected.detail())
                .contains("none of dateObserved is present")
                .contains("observedAt")
                .contains("TimeInstant");
    }
}
