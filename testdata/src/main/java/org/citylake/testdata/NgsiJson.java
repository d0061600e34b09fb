package org.citylake.testdata;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Builds NGSI entities in the three encodings the feeds use, from CSV cell text.
 *
 * <p>Numbers are written as the source wrote them ({@code 26.059222999999999} stays so, {@code 75}
 * stays an integer): no binary floating point between the CSV and the JSON. A cell that is not a
 * number is passed on as JSON text, so the ingest job rejects it with a reason rather than this
 * converter dropping it; an empty cell leaves the attribute out.
 *
 * <ul>
 *   <li><b>keyValues</b>: {@code "intensity": 7}
 *   <li><b>NGSI-v2 normalized</b>: {@code "pm25": {"type": "Number", "value": 129}}
 *   <li><b>NGSI-LD normalized</b>: {@code "totalSpotNumber": {"type": "Property", "value": 953}},
 *       dates {@code {"type": "Property", "value": {"@type": "DateTime", "@value": "…"}}}
 * </ul>
 */
final class NgsiJson {

    /** The NGSI-LD core context, given as {@code @context} of every NGSI-LD entity. */
    static final String NGSI_LD_CORE_CONTEXT =
            "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld";

    static final ObjectMapper MAPPER =
            JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d{1,18}");
    private static final Pattern DECIMAL =
            Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    private NgsiJson() {}

    static ObjectNode entity(String id, String type) {
        ObjectNode entity = NODES.objectNode();
        entity.put("id", id);
        entity.put("type", type);
        return entity;
    }

    /** The cell as an exact decimal, if it is one. */
    static Optional<BigDecimal> decimal(String cell) {
        if (cell == null) {
            return Optional.empty();
        }
        String text = cell.trim();
        return DECIMAL.matcher(text).matches()
                ? Optional.of(new BigDecimal(text))
                : Optional.empty();
    }

    /** A number node for a decimal: integral values without a fraction, others as they are. */
    static JsonNode number(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() <= 18) {
            return LongNode.valueOf(stripped.longValueExact());
        }
        return DecimalNode.valueOf(stripped);
    }

    /**
     * The cell as a number node written as in the source, text when it is not a number, or empty
     * when the cell is empty.
     */
    static Optional<JsonNode> numberOrText(String cell) {
        if (cell == null || cell.isBlank()) {
            return Optional.empty();
        }
        String text = cell.trim();
        if (INTEGER.matcher(text).matches()) {
            return Optional.of(LongNode.valueOf(Long.parseLong(text)));
        }
        if (DECIMAL.matcher(text).matches()) {
            return Optional.of(DecimalNode.valueOf(new BigDecimal(text)));
        }
        return Optional.of(TextNode.valueOf(cell));
    }

    /** keyValues: {@code name: number} (or text, see class comment); nothing for an empty cell. */
    static void putKeyValue(ObjectNode entity, String name, String cell) {
        numberOrText(cell).ifPresent(value -> entity.set(name, value));
    }

    /** NGSI-v2 normalized attribute {@code {"type": type, "value": value}}. */
    static ObjectNode v2(String type, JsonNode value) {
        ObjectNode attribute = NODES.objectNode();
        attribute.put("type", type);
        attribute.set("value", value);
        return attribute;
    }

    static ObjectNode v2Text(String value) {
        return v2("Text", TextNode.valueOf(value));
    }

    static ObjectNode v2DateTime(String iso) {
        return v2("DateTime", TextNode.valueOf(iso));
    }

    /** NGSI-v2 {@code Number} attribute from a cell; {@code Text} when it is not a number. */
    static void putV2Number(ObjectNode entity, String name, String cell) {
        numberOrText(cell)
                .ifPresent(
                        value -> entity.set(name, v2(value.isNumber() ? "Number" : "Text", value)));
    }

    /** NGSI-LD {@code {"type": "Property", "value": value}}. */
    static ObjectNode ldProperty(JsonNode value) {
        ObjectNode property = NODES.objectNode();
        property.put("type", "Property");
        property.set("value", value);
        return property;
    }

    /** NGSI-LD date-time property {@code {"type":"Property","value":{"@type":"DateTime",...}}}. */
    static ObjectNode ldDateTime(String iso) {
        ObjectNode value = NODES.objectNode();
        value.put("@type", "DateTime");
        value.put("@value", iso);
        return ldProperty(value);
    }

    /** NGSI-LD {@code Property} from a cell (number, or text when not a number); none if empty. */
    static void putLdProperty(ObjectNode entity, String name, String cell) {
        numberOrText(cell).ifPresent(value -> entity.set(name, ldProperty(value)));
    }

    /** GeoJSON point {@code {"type":"Point","coordinates":[lon,lat]}}. */
    static ObjectNode point(BigDecimal lon, BigDecimal lat) {
        ObjectNode point = NODES.objectNode();
        point.put("type", "Point");
        point.putArray("coordinates").add(number(lon)).add(number(lat));
        return point;
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }
}
