package org.citylake.testdata;

/**
 * Why a line the {@link FeedGenerator} wrote must be refused: the ingest job's rejection reasons
 * that a feed file can provoke (every one but {@code PARSER_ERROR}, which only a parser bug
 * raises). The names are the ingest job's reason codes, as they appear in {@code ops.dead_letter}.
 */
public enum SeededReason {
    /** The line is cut in half: not a JSON object. */
    MALFORMED_JSON,
    /** The entity's {@code type} is one no feed carries. */
    UNKNOWN_TYPE,
    /** Every attribute the observation time is read from is left out. */
    MISSING_FIELD,
    /** A numeric attribute is sent as text (or, without one, the time as a number). */
    WRONG_TYPE,
    /** A numeric attribute is the JSON literal {@code NaN}. */
    NOT_A_NUMBER,
    /** A numeric attribute below its minimum or above its maximum, or an allowed text not sent. */
    OUT_OF_RANGE,
    /** The observation time is not an ISO-8601 timestamp. */
    BAD_TIMESTAMP,
    /** The observation time lies in 2099. */
    FUTURE_TIMESTAMP,
    /** A valid reading in the folder of a city that no {@code cities.jsonl} registers. */
    UNKNOWN_CITY,
    /** A valid reading of a sensor that the ref file does not list. */
    UNKNOWN_ENTITY,
    /** An exact repeat of a valid reading. */
    DUPLICATE
}
