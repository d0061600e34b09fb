package org.citylake.ingest.parse;

/** Why a message was refused. Codes, not prose: the detail text says what and where. */
public enum RejectReason {
    /** Not parseable JSON, or not a JSON object. */
    MALFORMED_JSON,
    /** The NGSI {@code type} is missing, unknown, or not carried by this feed. */
    UNKNOWN_TYPE,
    /** A required attribute (id, observation time, sensor reference) is absent or empty. */
    MISSING_FIELD,
    /** An attribute has the wrong JSON type (e.g. text where a number is expected). */
    WRONG_TYPE,
    /** A number is NaN or infinite. */
    NOT_A_NUMBER,
    /**
     * A number is outside its physical or declared range (negative count, speed above 300 km/h, …).
     */
    OUT_OF_RANGE,
    /** A timestamp cannot be parsed. */
    BAD_TIMESTAMP,
    /** The observation time lies further in the future than the tolerance allows. */
    FUTURE_TIMESTAMP,
    /**
     * The reading's city is not in the city registry ({@code ref.cities}), or the message names no
     * city: without it the reading has no time zone. Replay it once the city is registered.
     */
    UNKNOWN_CITY,
    /** The sensor/asset the reading refers to is not in the feed's ref table. */
    UNKNOWN_ENTITY,
    /** The same (city, feed, entity id, observation time) was already accepted. */
    DUPLICATE,
    /**
     * The parser itself failed on this message (a bug, not bad data). The message is kept so it can
     * be replayed once the parser is fixed; the job keeps running.
     */
    PARSER_ERROR
}
