package org.citylake.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.citylake.model.EntityType;
import org.citylake.model.Feed;

/** Shared fixtures of the parser tests: a fixed clock, the city zone, and payload files. */
final class ParserFixtures {

    /** The FIWARE examples are from Madrid and Valladolid. */
    static final ZoneId CITY_ZONE = ZoneId.of("Europe/Madrid");

    /** The time of parsing in every test: after all fixtures, never the wall clock. */
    static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    private static final ObjectMapper JSON = new ObjectMapper();

    private ParserFixtures() {}

    static ReadingParser parser(Feed feed) {
        return parser(feed, CITY_ZONE, FUTURE_TOLERANCE);
    }

    static ReadingParser parser(Feed feed, java.time.ZoneId zone, Duration futureTolerance) {
        return new ReadingParser(
                feed.descriptor(),
                org.citylake.model.feed.FeedCatalog.builtIn(),
                zone,
                futureTolerance);
    }

    static ParseOutcome parse(Feed feed, String payload) {
        return parser(feed).parse(payload, NOW);
    }

    static ParsedReading accepted(Feed feed, String payload) {
        ParseOutcome outcome = parse(feed, payload);
        assertThat(outcome).isInstanceOf(ParseOutcome.Accepted.class);
        return ((ParseOutcome.Accepted) outcome).reading();
    }

    static ParseOutcome.Rejected rejected(Feed feed, String payload) {
        ParseOutcome outcome = parse(feed, payload);
        assertThat(outcome).isInstanceOf(ParseOutcome.Rejected.class);
        return (ParseOutcome.Rejected) outcome;
    }

    /** A file under {@code src/test/resources}, e.g. {@code fiware/Streetlight/example.json}. */
    static String resource(String path) {
        try (InputStream in = ParserFixtures.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The FIWARE example of {@code model}; {@code normalized} picks example-normalized.json. */
    static String fiware(String model, boolean normalized) {
        return resource(
                "fiware/"
                        + model
                        + "/"
                        + (normalized ? "example-normalized.json" : "example.json"));
    }

    /** The NGSI-LD normalized fixture of {@code type}, fully populated. */
    static String ngsiLd(EntityType type) {
        return resource("ngsi-ld/" + type.ngsiType() + ".json");
    }

    /** Observation time of the {@link #minimal} entities. */
    static final Instant OBSERVED = Instant.parse("2024-03-12T08:00:00Z");

    /**
     * The smallest valid keyValues entity of {@code type}: id, type, sensor reference where one is
     * required, and {@code dateObserved} = {@link #OBSERVED}. Its sensor is {@link #sensor}.
     */
    static ObjectNode minimal(EntityType type) {
        ObjectNode entity = JSON.createObjectNode();
        entity.put("id", entityId(type));
        entity.put("type", type.ngsiType());
        switch (type) {
            case TRAFFIC_FLOW_OBSERVED -> entity.put("refRoadSegment", sensor(type));
            case AIR_QUALITY_OBSERVED -> entity.put("refPointOfInterest", sensor(type));
            case WASTE_COLLECTION -> entity.put("refWasteContainer", sensor(type));
            case OFF_STREET_PARKING -> entity.put("totalSpotNumber", 400);
            default -> {}
        }
        entity.put("dateObserved", OBSERVED.toString());
        return entity;
    }

    static String entityId(EntityType type) {
        return switch (type) {
            case TRAFFIC_FLOW_OBSERVED -> "tfo-158324-1";
            case AIR_QUALITY_OBSERVED -> "aqo-station-7";
            case STREETLIGHT -> "lamp-42";
            case STREETLIGHT_CONTROL_CABINET -> "cab-3";
            case WASTE_CONTAINER -> "bin-117";
            case WASTE_COLLECTION -> "collection-117-1";
            case OFF_STREET_PARKING -> "lot-5";
        };
    }

    static String sensor(EntityType type) {
        return switch (type) {
            case TRAFFIC_FLOW_OBSERVED -> "158324";
            case AIR_QUALITY_OBSERVED -> "station-7";
            case WASTE_COLLECTION -> "bin-117";
            default -> entityId(type);
        };
    }

    static ObjectNode tree(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("fixture is not JSON: " + e.getMessage(), e);
        }
    }

    static String json(ObjectNode tree) {
        return tree.toString();
    }

    /** An NGSI-v2 normalized attribute {@code {"type": type, "value": value}}. */
    static ObjectNode v2(String type, Object value) {
        ObjectNode attribute = JSON.createObjectNode().put("type", type);
        attribute.set("value", JSON.valueToTree(value));
        return attribute;
    }
}
