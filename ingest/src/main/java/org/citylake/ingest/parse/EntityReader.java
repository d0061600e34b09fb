package org.citylake.ingest.parse;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.citylake.model.feed.UnitConversion;

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

    private final EntityScanner attributes;
    private final String entityId;
    private final TimestampParser timestamps;
    private final Instant now;
    private final Duration futureTolerance;
    private String subject;
    private Instant observedAt;

    EntityReader(
            EntityScanner attributes,
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
        AttributeValue value = attributes.value(attribute);
        if (value == null) {
            return null;
        }
        if (value.isText()) {
            String text = value.text;
            return text.isEmpty() ? null : text;
        }
        if (value.isIntegral()) {
            return value.numberText();
        }
        throw wrongType(attribute, value, "text");
    }

    /** Like {@link #text}, but an array of texts is joined with commas. */
    String textOrList(String attribute) {
        AttributeValue value = attributes.value(attribute);
        if (value == null || value.kind != AttributeValue.Kind.ARRAY) {
            return text(attribute);
        }
        if (!value.itemsAllText) {
            throw wrongType(attribute, value, "text or a list of texts");
        }
        StringBuilder joined = new StringBuilder();
        for (String item : value.items) {
            if (!joined.isEmpty()) {
                joined.append(',');
            }
            joined.append(item);
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

    /**
     * A finite number in the column's canonical unit, within its range. The unit is the one the
     * attribute was sent with ({@code unitCode}), else the one guessed from its size, else the
     * canonical one; another unit than those the column converts is WRONG_TYPE.
     */
    Double number(String attribute, NumberRule rule) {
        AttributeValue value = attributes.value(attribute);
        if (value == null) {
            return null;
        }
        double sent = finite(attribute, value);
        UnitConversion conversion = conversion(attribute, value, sent, rule);
        if (conversion == null) {
            checkRange(attribute, sent, Double.toString(sent), rule.range());
            return sent;
        }
        double canonical = conversion.apply(sent);
        checkRange(
                attribute,
                canonical,
                sent + " " + rule.unitShown(rule.sentUnit(value.unitCode, sent)) + " =",
                canonical,
                rule.range());
        return canonical;
    }

    /**
     * A finite number within the range, or null when it is absent, not a finite number, in a unit
     * not accepted, or out of range: for attributes only used when they make sense.
     */
    Double numberIfValid(String attribute, NumberRule rule) {
        try {
            return number(attribute, rule);
        } catch (RejectedReading invalid) {
            return null;
        }
    }

    /** A whole number within the range and the int range. */
    Integer integer(String attribute, NumberRule rule) {
        Long whole = wholeNumber(attribute, rule);
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

    /** A whole number ({@code 197} or {@code 197.0}) within the range and the long range. */
    Long wholeNumber(String attribute, NumberRule rule) {
        AttributeValue value = attributes.value(attribute);
        if (value == null) {
            return null;
        }
        double number = finite(attribute, value);
        UnitConversion conversion = conversion(attribute, value, number, rule);
        if (conversion != null) {
            number = conversion.apply(number);
        }
        if (number != Math.rint(number)) {
            throw reject(
                    RejectReason.WRONG_TYPE, attribute + "=" + number + " is not a whole number");
        }
        long whole;
        if (conversion == null && value.isIntegral() && value.fitsLong) {
            whole = value.whole;
        } else if (Math.abs(number) < 0x1p63) {
            whole = (long) number;
        } else {
            throw reject(
                    RejectReason.OUT_OF_RANGE,
                    attribute + "=" + value.numberText() + " does not fit a 64-bit integer");
        }
        checkRange(attribute, whole, Long.toString(whole), rule.range());
        return whole;
    }

    /**
     * How a value sent in its unit becomes canonical (null: as it is); WRONG_TYPE for a unit the
     * column does not take.
     */
    private UnitConversion conversion(
            String attribute, AttributeValue value, double sent, NumberRule rule) {
        UnitConversion conversion = rule.conversion(value.unitCode, sent);
        if (conversion == null && value.unitCode != null && !rule.accepts(value.unitCode)) {
            throw reject(
                    RejectReason.WRONG_TYPE,
                    attribute
                            + " is sent in unit '"
                            + value.unitCode
                            + "', expected "
                            + rule.acceptedUnits());
        }
        return conversion;
    }

    /** JSON true or false. */
    Boolean bool(String attribute) {
        AttributeValue value = attributes.value(attribute);
        if (value == null) {
            return null;
        }
        if (value.kind != AttributeValue.Kind.BOOLEAN) {
            throw wrongType(attribute, value, "true or false");
        }
        return value.bool;
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

    /** How a rejection for a missing observation time ends. */
    static final String NO_OWN_TIME =
            ", and no attribute read was sent with its own time (NGSI-LD observedAt, NGSI-v2"
                    + " metadata TimeInstant)";

    /**
     * Sets the observation time from the first of {@code candidates} that is present, else from the
     * first of {@code properties} sent with its own time ({@link #ownTime}); MISSING_FIELD when
     * there is none.
     */
    Instant observedAt(String[] candidates, String[] properties) {
        for (String attribute : candidates) {
            Instant instant = instant(attribute);
            if (instant != null) {
                return observedAt(instant, attribute);
            }
        }
        Instant own = ownTime(properties);
        if (own != null) {
            return observedAt(own, ownTimeAttribute);
        }
        throw reject(
                RejectReason.MISSING_FIELD,
                "no observation time: none of "
                        + String.join(", ", candidates)
                        + " is present"
                        + NO_OWN_TIME);
    }

    /** Where the time {@link #ownTime} last returned was read: {@code <attribute>.observedAt}. */
    private String ownTimeAttribute;

    /**
     * The time the first of {@code properties} that carries one was observed at, as sent with the
     * attribute itself: NGSI-LD {@code observedAt}, NGSI-v2 metadata {@code TimeInstant} (IoT
     * agents). Null when none carries one.
     */
    Instant ownTime(String[] properties) {
        ownTimeAttribute = null;
        for (String attribute : properties) {
            AttributeValue value = attributes.value(attribute);
            if (value == null || value.observedAt == null || value.observedAt.isBlank()) {
                continue;
            }
            String where = attribute + ".observedAt";
            Instant instant = timestamps.instant(value.observedAt);
            if (instant == null) {
                throw badTimestamp(where, value.observedAt, "an ISO-8601 timestamp");
            }
            ownTimeAttribute = where;
            return instant;
        }
        return null;
    }

    String ownTimeAttribute() {
        return ownTimeAttribute;
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
        AttributeValue value = attributes.value(attribute);
        if (value == null) {
            return null;
        }
        if (!value.isText()) {
            throw wrongType(attribute, value, "an ISO-8601 timestamp text");
        }
        String text = value.text;
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

    private double finite(String attribute, AttributeValue value) {
        if (!value.isNumber()) {
            throw wrongType(attribute, value, "a number");
        }
        double number = value.number;
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

    /** For a converted value: {@code <sent> <unit> = <canonical> <canonical unit> ...}. */
    private void checkRange(
            String attribute, double number, String sentShown, double canonical, ValidRange range) {
        if (!range.violation(number).isEmpty()) {
            checkRange(attribute, number, sentShown + " " + shortNumber(canonical), range);
        }
    }

    private RejectedReading wrongType(String attribute, AttributeValue value, String expected) {
        return reject(
                RejectReason.WRONG_TYPE,
                attribute + " is " + value.describe(MAX_QUOTED) + ", expected " + expected);
    }

    /** A converted value without floating-point noise: 1.4, not 1.4000000000000001. */
    private static String shortNumber(double value) {
        return new java.math.BigDecimal(value)
                .round(new java.math.MathContext(12))
                .stripTrailingZeros()
                .toPlainString();
    }

    private static String quoted(String text) {
        return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "…";
    }
}
