package org.citylake.ingest.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * The bare value of one attribute of the message being parsed, with its encoding taken away (see
 * {@link EntityScanner}), and the unit code it was sent with. Mutable and reused from message to
 * message: one per attribute a feed reads.
 */
final class AttributeValue {

    enum Kind {
        ABSENT,
        TEXT,
        NUMBER,
        BOOLEAN,
        ARRAY,
        OBJECT
    }

    Kind kind = Kind.ABSENT;
    String text;
    double number;
    boolean integral;
    boolean fitsLong;
    long whole;
    String numberText;
    boolean bool;
    final List<String> items = new ArrayList<>(4);
    boolean itemsAllText;
    String unitCode;

    /**
     * When the attribute was observed, as sent with it: NGSI-LD {@code observedAt}, or NGSI-v2
     * metadata {@code TimeInstant}; null when not sent.
     */
    String observedAt;

    void clear() {
        kind = Kind.ABSENT;
        text = null;
        numberText = null;
        unitCode = null;
        observedAt = null;
        items.clear();
    }

    void copyFrom(AttributeValue other) {
        kind = other.kind;
        text = other.text;
        number = other.number;
        integral = other.integral;
        fitsLong = other.fitsLong;
        whole = other.whole;
        numberText = other.numberText;
        bool = other.bool;
        items.clear();
        items.addAll(other.items);
        itemsAllText = other.itemsAllText;
    }

    boolean present() {
        return kind != Kind.ABSENT;
    }

    boolean isText() {
        return kind == Kind.TEXT;
    }

    boolean isNumber() {
        return kind == Kind.NUMBER;
    }

    boolean isIntegral() {
        return kind == Kind.NUMBER && integral;
    }

    /** The number as JSON wrote it: whole numbers in decimal, others as Java prints a double. */
    String numberText() {
        if (numberText == null) {
            numberText = integral && fitsLong ? Long.toString(whole) : Double.toString(number);
        }
        return numberText;
    }

    /** How a detail names the value: {@code the text 'x'}, {@code the number 3}, {@code a list}. */
    String describe(int maxQuoted) {
        return switch (kind) {
            case TEXT ->
                    "the text '"
                            + (text.length() <= maxQuoted
                                    ? text
                                    : text.substring(0, maxQuoted) + "…")
                            + "'";
            case NUMBER -> "the number " + numberText();
            case BOOLEAN -> "the boolean " + bool;
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case ABSENT -> "missing";
        };
    }
}
