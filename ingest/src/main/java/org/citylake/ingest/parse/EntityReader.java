package org.citylake.ingest.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Typed, checked reads of one entity's attributes, for the extractors. Each read returns the value
 * in the clean column's Java type, or null when the attribute is absent, or throws {@link
 * RejectedReading} with a reason code and a detail that says what, where and why:
 *
 * <pre>
 * sensor 158324 reading: averageVehicleSpeed=412.0 km/h is above 300
 * entity urn:ngsi-ld:X:1: dateObserved='yesterday' is not an ISO-8601 timestamp ...
 * </pre>
 *
 * Details name the entity until the extractor names the sensor with {@link #aboutSensor}. The
 * observation time, once set with {@link #observedAt(Instant, String)}, is kept for the rejection.
 */
final class EntityReader {

    private static final int MAX_QUOTED = 60;

    private final NgsiAttributes attributes;
    private final String entityId;
    private final TimestampParser timestamps;
    private final Instant now;
    private final Duration futureTolerance;
    private String subject;
    private Instant observedAt;

    EntityReader(
            NgsiAttributes attributes,
            String entityId,
            TimestampParser timestamps,
            Instant now,
            Duration futureTolerance) {
        this.attributes = attributes;
        this.entityId = entityId;
        this.timestamps = timestamps;
        this.now = now;
        this.futureTolerance = futureTolerance;
        this.subject = "entity " + entityId;
    }

    String entityId() {
        return entityId;
    }

    /** The observation time once the extractor has set it, else null. */
    Instant observedAt() {
        return observedAt;
    }

    /** From now on, details start with {@code sensor <id> reading}. */
    void aboutSensor(String sensorId) {
        subject = "sensor " + sensorId + " reading";
    }

    /** A rejection whose detail is {@code <subject>: <what>}. */
    RejectedReading reject(RejectReason reason, String what) {
        return new RejectedReading(reason, subject + ": " + what);
    }

    // ---- text

    /**
     * Text, or null when absent or empty. Whole JSON numbers are taken as their decimal text (ids
     * sent as numbers); anything else is WRONG_TYPE.
     */
    String text(String attribute) {
        JsonNode value = attributes.value(attribute);
        if (value == null) {
            return null;
        }
        if (value.isTextual()) {
            String text = value.textValue();
            return text.isEmpty() ? null : text;
        }
        if (value.isIntegralNumber()) {
            return value.asText();
        }
        throw wrongType(attribute, value, "text");
    }

    /** Like {@link #text}, but an array of texts is joined with commas. */
    String textOrList(String attribute) {
        JsonNode value = attributes.value(attribute);
        if (value == null || !value.isArray()) {
            return text(attribute);
        }
        StringBuilder joined = new StringBuilder();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw wrongType(attribute, value, "text or a list of texts");
            }
            if (!joined.isEmpty()) {
                joined.append(',');
            }
            joined.append(item.textValue());
        }
        return joined.isEmpty() ? null : joined.toString();
    }

    /** Text that must be one of {@code allowed}; anything else is OUT_OF_RANGE. */
    String oneOf(String attribute, List<String> allowed) {
        String text = text(attribute);
        if (text != null && !allowed.contains(text)) {
            throw reject(
                    RejectReason.OUT_OF_RANGE,
                    attribute + "='" + quoted(text) + "' is not one of " + allowed);
        }
        return text;
    }

    /** Fails with MISSING_FIELD when {@code value} (read from {@code attribute}) is null. */
    <T> T required(T value, String attribute) {
        if (value == null) {
            throw reject(
                    RejectReason.MISSING_FIELD,
                    "required attribute " + attribute + " is missing or empty");
        }
        return value;
    }

    // ---- numbers

    /** A finite number within {@code range}. */
    Double number(String attribute, ValidRange range) {
        JsonNode value = attributes.value(attribute);
        if (value == null) {
            return null;
        }
        double number = finite(attribute, value);
        checkRange(attribute, number, Double.toString(number), range);
        return number;
    }

    /**
     * A finite number within {@code range}, or null when it is absent, not a finite number or out
     * of range: for attributes only used when they make sense.
     */
    Double numberIfValid(String attribute, ValidRange range) {
        JsonNode value = attributes.value(attribute);
        if (value == null || !value.isNumber()) {
            return null;
        }
        double number = value.doubleValue();
        return Double.isFinite(number) && range.violation(number).isEmpty() ? number : null;
    }

    /** A whole number within {@code range} and the int range. */
    Integer integer(String attribute, ValidRange range) {
        Long whole = wholeNumber(attribute, range);
        if (whole == null) {
            return null;
        }
        if (whole < Integer.MIN_VALUE || whole > Integer.MAX_VALUE) {
            throw reject(
                    RejectReason.OUT_OF_RANGE,
                    attribute + "=" + whole + " does not fit a 32-bit integer");
        }
        return whole.intValue();
    }

    /** A whole number ({@code 197} or {@code 197.0}) within {@code range} and the long range. */
    Long wholeNumber(String attribute, ValidRange range) {
        JsonNode value = attributes.value(attribute);
        if (value == null) {
            return null;
        }
        double number = finite(attribute, value);
        if (number != Math.rint(number)) {
            throw reject(
                    RejectReason.WRONG_TYPE, attribute + "=" + number + " is not a whole number");
        }
        long whole;
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            whole = value.longValue();
        } else if (Math.abs(number) < 0x1p63) {
            whole = (long) number;
        } else {
            throw reject(
                    RejectReason.OUT_OF_RANGE,
                    attribute + "=" + value.asText() + " does not fit a 64-bit integer");
        }
        checkRange(attribute, whole, Long.toString(whole), range);
        return whole;
    }

    /** JSON true or false. */
    Boolean bool(String attribute) {
        JsonNode value = attributes.value(attribute);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw wrongType(attribute, value, "true or false");
        }
        return value.booleanValue();
    }

    // ---- time

    /** An ISO-8601 date-time; local times are in the city's zone. */
    Instant instant(String attribute) {
        String text = timestampText(attribute);
        if (text == null) {
            return null;
        }
        Instant instant = timestamps.instant(text);
        if (instant == null) {
            throw badTimestamp(attribute, text, "an ISO-8601 timestamp");
        }
        return instant;
    }

    /** An ISO-8601 date-time or interval ({@code a/b}); see {@link TimestampParser}. */
    TimeInterval instantOrInterval(String attribute) {
        String text = timestampText(attribute);
        if (text == null) {
            return null;
        }
        TimeInterval interval = timestamps.instantOrInterval(text);
        if (interval == null) {
            throw badTimestamp(attribute, text, "an ISO-8601 timestamp or interval");
        }
        return interval;
    }

    /**
     * Sets the observation time from the first of {@code candidates} that is present; MISSING_FIELD
     * when none is.
     */
    Instant observedAt(String... candidates) {
        for (String attribute : candidates) {
            Instant instant = instant(attribute);
            if (instant != null) {
                return observedAt(instant, attribute);
            }
        }
        throw reject(
                RejectReason.MISSING_FIELD,
                "no observation time: none of " + String.join(", ", candidates) + " is present");
    }

    /**
     * Sets the observation time, read from {@code attribute}; FUTURE_TIMESTAMP when it lies more
     * than the tolerance after now.
     */
    Instant observedAt(Instant instant, String attribute) {
        observedAt = instant;
        if (instant.isAfter(now.plus(futureTolerance))) {
            throw reject(
                    RejectReason.FUTURE_TIMESTAMP,
                    attribute
                            + "="
                            + instant
                            + " is more than "
                            + futureTolerance
                            + " after the time of parsing "
                            + now);
        }
        return instant;
    }

    // ---- helpers

    private String timestampText(String attribute) {
        JsonNode value = attributes.value(attribute);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw wrongType(attribute, value, "an ISO-8601 timestamp text");
        }
        String text = value.textValue();
        return text.isBlank() ? null : text;
    }

    private RejectedReading badTimestamp(String attribute, String text, String expected) {
        return reject(
                RejectReason.BAD_TIMESTAMP,
                attribute
                        + "='"
                        + quoted(text)
                        + "' is not "
                        + expected
                        + " (with an offset, or local time in "
                        + timestamps.cityZone()
                        + ")");
    }

    private double finite(String attribute, JsonNode value) {
        if (!value.isNumber()) {
            throw wrongType(attribute, value, "a number");
        }
        double number = value.doubleValue();
        if (!Double.isFinite(number)) {
            throw reject(
                    RejectReason.NOT_A_NUMBER,
                    attribute + "=" + number + " is not a finite number");
        }
        return number;
    }

    private void checkRange(String attribute, double number, String shown, ValidRange range) {
        String violation = range.violation(number);
        if (!violation.isEmpty()) {
            String unit = range.unit().isEmpty() ? "" : " " + range.unit();
            throw reject(
                    RejectReason.OUT_OF_RANGE, attribute + "=" + shown + unit + " " + violation);
        }
    }

    private RejectedReading wrongType(String attribute, JsonNode value, String expected) {
        return reject(
                RejectReason.WRONG_TYPE,
                attribute + " is " + describe(value) + ", expected " + expected);
    }

    private static String describe(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> "the text '" + quoted(value.textValue()) + "'";
            case NUMBER -> "the number " + value.asText();
            case BOOLEAN -> "the boolean " + value.asText();
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            default -> value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String quoted(String text) {
        return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "…";
    }
}
