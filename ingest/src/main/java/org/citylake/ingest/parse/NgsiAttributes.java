package org.citylake.ingest.parse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;

/**
 * The attributes of one NGSI entity with the encoding taken away: {@link #value} gives the bare
 * JSON value of an attribute whichever way it was sent.
 *
 * <table>
 *   <caption>Encodings read</caption>
 *   <tr><th>encoding</th><th>attribute as sent</th><th>value</th></tr>
 *   <tr><td>keyValues</td><td>{@code "intensity": 197}</td><td>{@code 197}</td></tr>
 *   <tr><td>NGSI-v2 normalized</td><td>{@code {"type":"Number","value":197,"metadata":{…}}}</td>
 *       <td>{@code 197}</td></tr>
 *   <tr><td>NGSI-LD Property</td><td>{@code {"type":"Property","value":197}}</td>
 *       <td>{@code 197}</td></tr>
 *   <tr><td>NGSI-LD typed literal</td>
 *       <td>{@code {"type":"Property","value":{"@type":"DateTime","@value":"…"}}}</td>
 *       <td>{@code "…"}</td></tr>
 *   <tr><td>NGSI-LD Relationship</td><td>{@code {"type":"Relationship","object":"urn:…"}}</td>
 *       <td>{@code "urn:…"}</td></tr>
 *   <tr><td>NGSI-LD GeoProperty</td><td>{@code {"type":"GeoProperty","value":{…}}}</td>
 *       <td>{@code {…}}</td></tr>
 *   <tr><td>NGSI-LD VocabProperty</td><td>{@code {"type":"VocabProperty","vocab":"ok"}}</td>
 *       <td>{@code "ok"}</td></tr>
 * </table>
 *
 * An object is taken as an attribute wrapper when it has a text {@code type} and a {@code value},
 * {@code object} or {@code vocab} member, or when its only members are {@code value} and {@code
 * metadata} (NGSI-v2 lets the type be left out). Any other object, such as a keyValues GeoJSON
 * {@code location} or {@code address}, is the value itself. A JSON {@code null} value counts as
 * absent. Metadata, {@code unitCode}, {@code observedAt} and {@code @context} are ignored.
 */
final class NgsiAttributes {

    private final ObjectNode entity;

    NgsiAttributes(ObjectNode entity) {
        this.entity = entity;
    }

    /** The bare value of {@code name}, or null when the attribute is absent or null. */
    JsonNode value(String name) {
        return unwrap(entity.get(name));
    }

    /** The bare value of an attribute as sent, or null when it is absent or null. */
    static JsonNode unwrap(JsonNode attribute) {
        if (attribute == null || attribute.isNull()) {
            return null;
        }
        JsonNode value = attribute;
        if (value.isObject()) {
            JsonNode wrapped = wrappedValue(value);
            if (wrapped != null) {
                value = wrapped;
            }
        }
        if (value.isObject()) {
            JsonNode literal = value.get("@value");
            if (literal != null) {
                value = literal;
            }
        }
        return value.isNull() ? null : value;
    }

    private static JsonNode wrappedValue(JsonNode attribute) {
        JsonNode type = attribute.get("type");
        if (type != null && type.isTextual()) {
            JsonNode value = attribute.get("value");
            if (value != null) {
                return value;
            }
            JsonNode object = attribute.get("object");
            if (object != null) {
                return object;
            }
            return attribute.get("vocab");
        }
        if (type == null && attribute.has("value") && onlyValueAndMetadata(attribute)) {
            return attribute.get("value");
        }
        return null;
    }

    private static boolean onlyValueAndMetadata(JsonNode attribute) {
        for (Iterator<String> names = attribute.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("value") && !name.equals("metadata")) {
                return false;
            }
        }
        return true;
    }
}
