package org.citylake.ingest.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.citylake.model.EntityType;
import org.citylake.model.Feed;

/**
 * Parses one message of a feed — one NGSI entity as JSON, in keyValues, NGSI-v2 normalized or
 * NGSI-LD normalized form (see {@link NgsiAttributes}) — into a {@link ParsedReading} for the
 * entity type's clean table, or a {@link ParseOutcome.Rejected} with a {@link RejectReason} and a
 * detail saying what, where and why. Only payload checks happen here; reference and duplicate
 * checks ({@code UNKNOWN_ENTITY}, {@code DUPLICATE}) need state and come later.
 *
 * <pre>
 * payload ─► JSON object? ─no─► MALFORMED_JSON
 *              │ type carried by this feed? ─no─► UNKNOWN_TYPE
 *              │ id present? ─no─► MISSING_FIELD
 *              ▼
 *         EntityExtractor.of(type) ─► observation time, sensor, measures
 *              │  (MISSING_FIELD, WRONG_TYPE, NOT_A_NUMBER, OUT_OF_RANGE,
 *              │   BAD_TIMESTAMP, FUTURE_TIMESTAMP)
 *              ▼
 *         Accepted(ParsedReading)
 * </pre>
 *
 * The per-type attribute → column mappings, units and ranges are documented on the extractors:
 * {@link TrafficFlowExtractor}, {@link AirQualityExtractor}, {@link StreetlightExtractor}, {@link
 * StreetlightCabinetExtractor}, {@link WasteContainerExtractor}, {@link WasteCollectionExtractor},
 * {@link OffStreetParkingExtractor}. A literal {@code NaN} or {@code Infinity} in the JSON is read
 * as a number and refused as NOT_A_NUMBER; the text {@code "NaN"} is WRONG_TYPE.
 *
 * <p>Thread-safe and serializable: the JSON mapper is a static, shared and immutable.
 */
public final class ReadingParser implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final ObjectMapper JSON =
            JsonMapper.builder()
                    .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .build();

    private final Feed feed;
    private final TimestampParser timestamps;
    private final Duration futureTolerance;

    /**
     * @param feed the feed the messages come from; only its entity types are accepted
     * @param cityZone zone of timestamps sent without an offset
     * @param futureTolerance how far after the time of parsing an observation may lie (clock skew)
     */
    public ReadingParser(Feed feed, ZoneId cityZone, Duration futureTolerance) {
        this.feed = Objects.requireNonNull(feed, "feed");
        this.timestamps = new TimestampParser(Objects.requireNonNull(cityZone, "cityZone"));
        this.futureTolerance = Objects.requireNonNull(futureTolerance, "futureTolerance");
        if (futureTolerance.isNegative()) {
            throw new IllegalArgumentException(
                    "futureTolerance must not be negative, got " + futureTolerance);
        }
    }

    public Feed feed() {
        return feed;
    }

    /**
     * @param payload the message as received
     * @param now the time of parsing, for the future-timestamp check
     */
    public ParseOutcome parse(String payload, Instant now) {
        Objects.requireNonNull(now, "now");
        if (payload == null || payload.isBlank()) {
            return rejected(RejectReason.MALFORMED_JSON, "payload is empty", null, null);
        }
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            return rejected(
                    RejectReason.MALFORMED_JSON,
                    "payload is not valid JSON"
                            + at(e.getLocation())
                            + ": "
                            + e.getOriginalMessage(),
                    null,
                    null);
        }
        if (root == null || !root.isObject()) {
            return rejected(
                    RejectReason.MALFORMED_JSON,
                    "payload is "
                            + (root == null
                                    ? "empty"
                                    : "a JSON "
                                            + root.getNodeType().name().toLowerCase(Locale.ROOT))
                            + ", expected one NGSI entity object",
                    null,
                    null);
        }
        String typeName = plainText(root.get("type"));
        String id = plainText(root.get("id"));
        Optional<EntityType> type = typeName == null ? Optional.empty() : ofThisFeed(typeName);
        if (type.isEmpty()) {
            return rejected(RejectReason.UNKNOWN_TYPE, unknownType(typeName, id), typeName, id);
        }
        if (id == null) {
            return rejected(
                    RejectReason.MISSING_FIELD,
                    typeName + " entity: required attribute id is missing or empty",
                    typeName,
                    null);
        }
        EntityReader entity =
                new EntityReader(
                        new NgsiAttributes((ObjectNode) root),
                        id,
                        timestamps,
                        now,
                        futureTolerance);
        try {
            return new ParseOutcome.Accepted(EntityExtractor.of(type.get()).extract(entity));
        } catch (RejectedReading rejection) {
            return new ParseOutcome.Rejected(
                    rejection.reason(), rejection.detail(), typeName, id, entity.observedAt());
        }
    }

    private Optional<EntityType> ofThisFeed(String typeName) {
        for (EntityType type : EntityType.values()) {
            if (type.feed() == feed && type.ngsiType().equals(typeName)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    private String unknownType(String typeName, String id) {
        String entity = id == null ? "entity without id" : "entity " + id;
        String carried =
                "feed "
                        + feed.id()
                        + " carries "
                        + String.join(
                                ", ",
                                feed.entityTypes().stream().map(EntityType::ngsiType).toList());
        if (typeName == null) {
            return entity + ": attribute type is missing or empty; " + carried;
        }
        return EntityType.ofNgsiType(typeName)
                .map(
                        other ->
                                entity
                                        + ": type "
                                        + typeName
                                        + " belongs to feed "
                                        + other.feed().id()
                                        + "; "
                                        + carried)
                .orElse(entity + ": type '" + typeName + "' is not known; " + carried);
    }

    private static ParseOutcome.Rejected rejected(
            RejectReason reason, String detail, String typeName, String id) {
        return new ParseOutcome.Rejected(reason, detail, typeName, id, null);
    }

    /** Text of a top-level {@code id}/{@code type}; null when absent, empty or not text. */
    private static String plainText(JsonNode node) {
        JsonNode value = NgsiAttributes.unwrap(node);
        if (value == null) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue().isEmpty() ? null : value.textValue();
        }
        return value.isIntegralNumber() ? value.asText() : null;
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0
                ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
