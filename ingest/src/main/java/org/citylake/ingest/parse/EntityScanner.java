package org.citylake.ingest.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads one NGSI entity from the payload bytes with a streaming JSON parser, in one pass and
 * without building a tree: the top-level {@code id} and {@code type} and the attributes a feed
 * reads, each as its bare value whichever way it was sent. Every other attribute is skipped (but
 * still checked to be valid JSON).
 *
 * <table>
 *   <caption>Encodings read</caption>
 *   <tr><th>encoding</th><th>attribute as sent</th><th>value</th></tr>
 *   <tr><td>keyValues</td><td>{@code "intensity": 197}</td><td>{@code 197}</td></tr>
 *   <tr><td>NGSI-v2 normalized</td>
 *       <td>{@code {"type":"Number","value":197,"metadata":{"unitCode":{"value":"KMH"}}}}</td>
 *       <td>{@code 197}, unit KMH</td></tr>
 *   <tr><td>NGSI-LD Property</td><td>{@code {"type":"Property","value":197,"unitCode":"KMH"}}</td>
 *       <td>{@code 197}, unit KMH</td></tr>
 *   <tr><td>NGSI-LD typed literal</td>
 *       <td>{@code {"type":"Property","value":{"@type":"DateTime","@value":"…"}}}</td>
 *       <td>{@code "…"}</td></tr>
 *   <tr><td>NGSI-LD Relationship</td><td>{@code {"type":"Relationship","object":"urn:…"}}</td>
 *       <td>{@code "urn:…"}</td></tr>
 *   <tr><td>NGSI-LD GeoProperty</td><td>{@code {"type":"GeoProperty","value":{…}}}</td>
 *       <td>an object</td></tr>
 *   <tr><td>NGSI-LD VocabProperty</td><td>{@code {"type":"VocabProperty","vocab":"ok"}}</td>
 *       <td>{@code "ok"}</td></tr>
 * </table>
 *
 * An object is taken as an attribute wrapper when it has a {@code value}, {@code object} or {@code
 * vocab} and either a text {@code type} or, as in NGSI-LD's concise form, nothing but attribute
 * members beside it ({@code metadata}, {@code observedAt}, {@code unitCode}, {@code datasetId},
 * {@code createdAt}, {@code modifiedAt}, {@code instanceId}); otherwise it is the value itself (a
 * location, say). A value {@code null} is absent. A wrapper's own time, NGSI-LD {@code observedAt}
 * or NGSI-v2 metadata {@code TimeInstant}, is kept with the value: it times a reading that has no
 * time attribute of its entity.
 *
 * <p>Not thread-safe: one scanner per parsing thread; the values are overwritten by the next scan.
 */
final class EntityScanner {

    /**
     * One factory per scanner, with a pool of one buffer set: the scanner parses one message at a
     * time on one thread, and Jackson's default pool looks its buffers up in a thread-local for
     * every parser (seen in the ingest bench's profile).
     */
    private final JsonFactory json =
            JsonFactory.builder()
                    .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                    .recyclerPool(JsonRecyclerPools.newBoundedPool(1))
                    .build();

    private final Map<String, AttributeValue> wanted = new HashMap<>();
    private final AttributeValue[] all;
    private final AttributeValue id = new AttributeValue();
    private final AttributeValue type = new AttributeValue();
    private final AttributeValue inner = new AttributeValue();
    private final AttributeValue scratch = new AttributeValue();

    EntityScanner(Set<String> attributes) {
        for (String attribute : attributes) {
            if (!attribute.equals("id") && !attribute.equals("type")) {
                wanted.put(attribute, new AttributeValue());
            }
        }
        all = wanted.values().toArray(AttributeValue[]::new);
    }

    /** Thrown when the root is not a JSON object; the message says what it is. */
    static final class NotAnObject extends IOException {
        NotAnObject(String what) {
            super(what);
        }
    }

    /**
     * Scans {@code payload}; afterwards {@link #value}, {@link #id} and {@link #type} give what it
     * held.
     *
     * @throws NotAnObject when the payload is valid JSON but not an object
     * @throws com.fasterxml.jackson.core.JsonProcessingException when it is not valid JSON
     */
    void scan(byte[] payload, int offset, int length) throws IOException {
        for (AttributeValue value : all) {
            value.clear();
        }
        id.clear();
        type.clear();
        try (JsonParser parser = json.createParser(payload, offset, length)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new NotAnObject("payload is empty");
            }
            if (first != JsonToken.START_OBJECT) {
                parser.skipChildren();
                throw new NotAnObject(
                        "payload is a JSON " + kindOf(first) + ", expected one NGSI entity object");
            }
            String name;
            while ((name = parser.nextFieldName()) != null) {
                parser.nextToken();
                AttributeValue target =
                        switch (name) {
                            case "id" -> id;
                            case "type" -> type;
                            default -> wanted.get(name);
                        };
                if (target == null) {
                    parser.skipChildren();
                } else {
                    readAttribute(parser, target);
                }
            }
            if (parser.nextToken() != null) {
                throw new com.fasterxml.jackson.core.JsonParseException(
                        parser, "trailing content after the entity object");
            }
        }
    }

    /** The bare value of {@code attribute}, or null when absent or null. */
    AttributeValue value(String attribute) {
        AttributeValue value = wanted.get(attribute);
        return value == null || !value.present() ? null : value;
    }

    AttributeValue id() {
        return id.present() ? id : null;
    }

    AttributeValue type() {
        return type.present() ? type : null;
    }

    private static String kindOf(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> token.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** Reads the attribute at the current token into {@code target}, unwrapping it. */
    private void readAttribute(JsonParser parser, AttributeValue target) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            readPlain(parser, target);
            return;
        }
        // A wrapper, or an object value: read its members once, decide after.
        String typeText = null;
        boolean typeSeen = false;
        boolean valueSeen = false;
        boolean objectSeen = false;
        boolean vocabSeen = false;
        boolean literalSeen = false;
        boolean onlyAttributeMembers = true;
        String unit = null;
        String observedAt = null;
        AttributeValue value = target;
        value.clear();
        AttributeValue object = null;
        AttributeValue literal = null;
        String name;
        while ((name = parser.nextFieldName()) != null) {
            JsonToken token = parser.nextToken();
            switch (name) {
                case "type" -> {
                    typeSeen = true;
                    onlyAttributeMembers = false;
                    if (token == JsonToken.VALUE_STRING) {
                        typeText = parser.getText();
                    } else {
                        parser.skipChildren();
                    }
                }
                case "value" -> {
                    valueSeen = true;
                    readInner(parser, value);
                }
                case "object" -> {
                    objectSeen = true;
                    object = object == null ? new AttributeValue() : object;
                    readInner(parser, object);
                }
                case "vocab" -> {
                    vocabSeen = true;
                    object = object == null ? new AttributeValue() : object;
                    if (!objectSeen) {
                        readInner(parser, object);
                    } else {
                        parser.skipChildren();
                    }
                }
                case "@value" -> {
                    literalSeen = true;
                    onlyAttributeMembers = false;
                    literal = literal == null ? new AttributeValue() : literal;
                    readPlain(parser, literal);
                }
                case "metadata" -> {
                    metadata(parser);
                    unit = metaUnit == null ? unit : metaUnit;
                    observedAt = metaTime == null ? observedAt : metaTime;
                }
                case "observedAt" -> {
                    if (token == JsonToken.VALUE_STRING) {
                        observedAt = parser.getText();
                    } else {
                        parser.skipChildren();
                    }
                }
                case "unitCode" -> {
                    if (token == JsonToken.VALUE_STRING) {
                        unit = parser.getText();
                    } else {
                        parser.skipChildren();
                    }
                }
                // NGSI-LD members of an attribute that say nothing of its value
                case "datasetId", "createdAt", "modifiedAt", "instanceId" -> parser.skipChildren();
                default -> {
                    onlyAttributeMembers = false;
                    parser.skipChildren();
                }
            }
        }
        // Typed, or NGSI-LD's concise form: a value, object or vocab with attribute members only.
        boolean wrapper =
                (valueSeen || objectSeen || vocabSeen)
                        && (typeText != null || (!typeSeen && onlyAttributeMembers));
        if (wrapper) {
            if (!valueSeen) {
                value.copyFrom(object);
            }
        } else if (literalSeen) {
            value.copyFrom(literal);
        } else {
            value.clear();
            value.kind = AttributeValue.Kind.OBJECT;
        }
        value.unitCode = wrapper ? unit : null;
        value.observedAt = wrapper ? observedAt : null;
    }

    // What the last metadata read held (null when absent).
    private String metaUnit;
    private String metaTime;

    /**
     * Reads NGSI-v2 metadata: the unit code {@code {"unitCode": {"value": "KMH"}}} into {@link
     * #metaUnit}, and the time {@code {"TimeInstant": {"type": "DateTime", "value": "…"}}} (set by
     * IoT agents) into {@link #metaTime}.
     */
    private void metadata(JsonParser parser) throws IOException {
        String unitCode = null;
        String time = null;
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
        } else {
            String name;
            while ((name = parser.nextFieldName()) != null) {
                JsonToken token = parser.nextToken();
                boolean unit = name.equals("unitCode");
                String text = null;
                if (!unit && !name.equals("TimeInstant")) {
                    parser.skipChildren();
                } else if (token == JsonToken.VALUE_STRING) {
                    text = parser.getText();
                } else if (token == JsonToken.START_OBJECT) {
                    scratch.clear();
                    readAttribute(parser, scratch);
                    text = scratch.isText() ? scratch.text : null;
                } else {
                    parser.skipChildren();
                }
                if (text != null) {
                    if (unit) {
                        unitCode = text;
                    } else {
                        time = text;
                    }
                }
            }
        }
        // set last: a nested attribute's own metadata must not leave its values here
        metaUnit = unitCode;
        metaTime = time;
    }

    /** A wrapped value: an object is a typed literal ({@code @value}) or an object value. */
    private void readInner(JsonParser parser, AttributeValue target) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            readPlain(parser, target);
            return;
        }
        boolean literalSeen = false;
        String name;
        while ((name = parser.nextFieldName()) != null) {
            parser.nextToken();
            if (name.equals("@value")) {
                literalSeen = true;
                readPlain(parser, inner);
            } else {
                parser.skipChildren();
            }
        }
        if (literalSeen) {
            target.copyFrom(inner);
        } else {
            target.clear();
            target.kind = AttributeValue.Kind.OBJECT;
        }
    }

    /** A scalar, an array (its texts kept) or an object (kept as "an object"). */
    private static void readPlain(JsonParser parser, AttributeValue target) throws IOException {
        target.clear();
        JsonToken token = parser.currentToken();
        switch (token) {
            case VALUE_NULL -> target.kind = AttributeValue.Kind.ABSENT;
            case VALUE_STRING -> {
                target.kind = AttributeValue.Kind.TEXT;
                target.text = parser.getText();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                target.kind = AttributeValue.Kind.BOOLEAN;
                target.bool = token == JsonToken.VALUE_TRUE;
            }
            case VALUE_NUMBER_INT -> {
                target.kind = AttributeValue.Kind.NUMBER;
                target.integral = true;
                JsonParser.NumberType type = parser.getNumberType();
                if (type == JsonParser.NumberType.BIG_INTEGER) {
                    java.math.BigInteger big = parser.getBigIntegerValue();
                    target.fitsLong = false;
                    target.number = big.doubleValue();
                    target.numberText = big.toString();
                } else {
                    target.fitsLong = true;
                    target.whole = parser.getLongValue();
                    target.number = target.whole;
                }
            }
            case VALUE_NUMBER_FLOAT -> {
                target.kind = AttributeValue.Kind.NUMBER;
                target.integral = false;
                target.fitsLong = false;
                target.number = parser.getDoubleValue();
            }
            case START_ARRAY -> {
                target.kind = AttributeValue.Kind.ARRAY;
                target.itemsAllText = true;
                JsonToken item;
                while ((item = parser.nextToken()) != JsonToken.END_ARRAY) {
                    if (item == JsonToken.VALUE_STRING) {
                        target.items.add(parser.getText());
                    } else {
                        target.itemsAllText = false;
                        parser.skipChildren();
                    }
                }
            }
            case START_OBJECT -> {
                target.kind = AttributeValue.Kind.OBJECT;
                parser.skipChildren();
            }
            default -> throw new IOException("unexpected JSON token " + token);
        }
    }
}
