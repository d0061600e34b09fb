package org.citylake.ingest.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.citylake.model.feed.EntityDescriptor;
import org.citylake.model.feed.FeedCatalog;
import org.citylake.model.feed.FeedDescriptor;

/**
 * Parses one message of a feed — one NGSI entity as JSON, in keyValues, NGSI-v2 normalized or
 * NGSI-LD normalized form (see {@link EntityScanner}) — into a {@link ParsedReading} for the entity
 * type's clean table, or a {@link ParseOutcome.Rejected} with a {@link RejectReason} and a detail
 * saying what, where and why. What is read and checked comes from the feed's descriptor (see {@link
 * DescriptorExtractor}); no entity type has code of its own. Only payload checks happen here;
 * reference and duplicate checks ({@code UNKNOWN_ENTITY}, {@code DUPLICATE}) need state and come
 * later.
 *
 * <pre>
 * payload bytes ─► streaming scan: JSON object? ─no─► MALFORMED_JSON
 *              │ type carried by this feed? ─no─► UNKNOWN_TYPE
 *              │ id present? ─no─► MISSING_FIELD
 *              ▼
 *         DescriptorExtractor(type) ─► sensor, observation time, columns
 *              │  (MISSING_FIELD, WRONG_TYPE, NOT_A_NUMBER, OUT_OF_RANGE,
 *              │   BAD_TIMESTAMP, FUTURE_TIMESTAMP)
 *              ▼
 *         Accepted(ParsedReading)
 * </pre>
 *
 * The payload is read as the bytes Kafka or the replay file delivered: no String is decoded and no
 * tree is built. A literal {@code NaN} or {@code Infinity} in the JSON is read as a number and
 * refused as NOT_A_NUMBER; the text {@code "NaN"} is WRONG_TYPE.
 *
 * <p>Serializable; not thread-safe (the scanner is reused from message to message): one parser per
 * parsing thread.
 */
public final class ReadingParser implements Serializable {

    private static final long serialVersionUID = 2L;

    private final FeedDescriptor feed;
    private final FeedCatalog catalog;
    private final Map<String, DescriptorExtractor> extractors;
    private final TimestampParser timestamps;
    private final Duration futureTolerance;
    private transient EntityScanner scanner;

    /**
     * @param feed the feed the messages come from; only its entity types are accepted
     * @param catalog every feed known, to say which feed a misrouted type belongs to
     * @param cityZone zone of timestamps sent without an offset
     * @param futureTolerance how far after the time of parsing an observation may lie (clock skew)
     */
    public ReadingParser(
            FeedDescriptor feed, FeedCatalog catalog, ZoneId cityZone, Duration futureTolerance) {
        this.feed = Objects.requireNonNull(feed, "feed");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.timestamps = new TimestampParser(Objects.requireNonNull(cityZone, "cityZone"));
        this.futureTolerance = Objects.requireNonNull(futureTolerance, "futureTolerance");
        if (futureTolerance.isNegative()) {
            throw new IllegalArgumentException(
                    "futureTolerance must not be negative, got " + futureTolerance);
        }
        Map<String, DescriptorExtractor> byType = new HashMap<>();
        for (EntityDescriptor entity : feed.entities()) {
            byType.put(entity.type(), new DescriptorExtractor(entity));
        }
        this.extractors = byType;
    }

    public FeedDescriptor feed() {
        return feed;
    }

    /** Parses a message given as text (tests, tools); ingest passes the bytes. */
    public ParseOutcome parse(String payload, Instant now) {
        if (payload == null) {
            return rejected(RejectReason.MALFORMED_JSON, "payload is empty", null, null);
        }
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return parse(bytes, 0, bytes.length, now);
    }

    public ParseOutcome parse(byte[] payload, Instant now) {
        return parse(payload, 0, payload == null ? 0 : payload.length, now);
    }

    /**
     * @param payload the message as received
     * @param now the time of parsing, for the future-timestamp check
     */
    public ParseOutcome parse(byte[] payload, int offset, int length, Instant now) {
        Objects.requireNonNull(now, "now");
        if (payload == null || blank(payload, offset, length)) {
            return rejected(RejectReason.MALFORMED_JSON, "payload is empty", null, null);
        }
        EntityScanner scan = scanner();
        try {
            scan.scan(payload, offset, length);
        } catch (EntityScanner.NotAnObject e) {
            return rejected(RejectReason.MALFORMED_JSON, e.getMessage(), null, null);
        } catch (JsonProcessingException e) {
            return rejected(
                    RejectReason.MALFORMED_JSON,
                    "payload is not valid JSON"
                            + at(e.getLocation())
                            + ": "
                            + e.getOriginalMessage(),
                    null,
                    null);
        } catch (IOException e) {
            return rejected(
                    RejectReason.MALFORMED_JSON, "payload cannot be read: " + e, null, null);
        }
        String typeName = plainText(scan.type());
        String id = plainText(scan.id());
        DescriptorExtractor extractor = typeName == null ? null : extractors.get(typeName);
        if (extractor == null) {
            return rejected(RejectReason.UNKNOWN_TYPE, unknownType(typeName, id), typeName, id);
        }
        if (id == null) {
            return rejected(
                    RejectReason.MISSING_FIELD,
                    typeName + " entity: required attribute id is missing or empty",
                    typeName,
                    null);
        }
        EntityReader entity = new EntityReader(scan, id, timestamps, now, futureTolerance);
        try {
            return new ParseOutcome.Accepted(extractor.extract(entity));
        } catch (RejectedReading rejection) {
            return new ParseOutcome.Rejected(
                    rejection.reason(), rejection.detail(), typeName, id, entity.observedAt());
        }
    }

    private EntityScanner scanner() {
        if (scanner == null) {
            Set<String> attributes = new LinkedHashSet<>();
            extractors.values().forEach(e -> attributes.addAll(e.attributes()));
            scanner = new EntityScanner(attributes);
        }
        return scanner;
    }

    private static boolean blank(byte[] payload, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = payload[i];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private String unknownType(String typeName, String id) {
        String entity = id == null ? "entity without id" : "entity " + id;
        String carried = "feed " + feed.id() + " carries " + String.join(", ", feed.entityTypes());
        if (typeName == null) {
            return entity + ": attribute type is missing or empty; " + carried;
        }
        return catalog.feedOf(typeName)
                .map(
                        other ->
                                entity
                                        + ": type "
                                        + typeName
                                        + " belongs to feed "
                                        + other.id()
                                        + "; "
                                        + carried)
                .orElse(entity + ": type '" + typeName + "' is not known; " + carried);
    }

    private static ParseOutcome.Rejected rejected(
            RejectReason reason, String detail, String typeName, String id) {
        return new ParseOutcome.Rejected(reason, detail, typeName, id, null);
    }

    /** Text of a top-level {@code id}/{@code type}; null when absent, empty or not text. */
    private static String plainText(AttributeValue value) {
        if (value == null) {
            return null;
        }
        if (value.isText()) {
            return value.text.isEmpty() ? null : value.text;
        }
        return value.isIntegral() ? value.numberText() : null;
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 0
                ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
