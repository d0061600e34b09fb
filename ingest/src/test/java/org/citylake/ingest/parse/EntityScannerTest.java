package org.citylake.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EntityScannerTest {

    private static AttributeValue valueOf(String attributeJson) {
        return scan("{\"a\": " + attributeJson + "}").value("a");
    }

    private static EntityScanner scan(String json) {
        EntityScanner scanner = new EntityScanner(java.util.Set.of("a", "intensity"));
        byte[] bytes = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try {
            scanner.scan(bytes, 0, bytes.length);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return scanner;
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "197",
                "{\"type\": \"Number\", \"value\": 197}",
                "{\"type\": \"Number\", \"value\": 197, \"metadata\": {\"unitCode\": {\"value\": \"E50\"}}}",
                "{\"value\": 197}",
                "{\"value\": 197, \"metadata\": {}}",
                "{\"type\": \"Property\", \"value\": 197, \"unitCode\": \"E50\", \"observedAt\": \"2024-03-12T08:00:00Z\"}",
                "{\"type\": \"Property\", \"value\": {\"@type\": \"Number\", \"@value\": 197}}",
                // NGSI-LD concise: no type, attribute members only
                "{\"value\": 197, \"unitCode\": \"E50\", \"observedAt\": \"2024-03-12T08:00:00Z\"}",
                "{\"value\": 197, \"datasetId\": \"urn:ngsi-ld:Dataset:a\", \"createdAt\": \"2024-03-12T08:00:00Z\"}"
            })
    void numberInEveryEncoding(String attribute) {
        assertThat(valueOf(attribute).number).isEqualTo(197.0);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"urn:ngsi-ld:RoadSegment:1\"",
                "{\"type\": \"Relationship\", \"value\": \"urn:ngsi-ld:RoadSegment:1\"}",
                "{\"type\": \"Text\", \"value\": \"urn:ngsi-ld:RoadSegment:1\"}",
                "{\"type\": \"Relationship\", \"object\": \"urn:ngsi-ld:RoadSegment:1\"}",
                "{\"type\": \"VocabProperty\", \"vocab\": \"urn:ngsi-ld:RoadSegment:1\"}",
                "{\"object\": \"urn:ngsi-ld:RoadSegment:1\"}",
                "{\"vocab\": \"urn:ngsi-ld:RoadSegment:1\"}"
            })
    void textAndReferencesInEveryEncoding(String attribute) {
        assertThat(valueOf(attribute).text).isEqualTo("urn:ngsi-ld:RoadSegment:1");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"2024-03-12T08:00:00Z\"",
                "{\"type\": \"DateTime\", \"value\": \"2024-03-12T08:00:00Z\"}",
                "{\"type\": \"Property\", \"value\": \"2024-03-12T08:00:00Z\"}",
                "{\"type\": \"Property\", \"value\": {\"@type\": \"DateTime\", \"@value\": \"2024-03-12T08:00:00Z\"}}"
            })
    void datesInEveryEncoding(String attribute) {
        assertThat(valueOf(attribute).text).isEqualTo("2024-03-12T08:00:00Z");
    }

    @Test
    void geoJsonInKeyValuesIsTheValueItself() {
        AttributeValue point = valueOf("{\"type\": \"Point\", \"coordinates\": [12.5, 55.6]}");

        assertThat(point.kind).isEqualTo(AttributeValue.Kind.OBJECT);
    }

    @Test
    void geoPropertyIsUnwrapped() {
        AttributeValue point =
                valueOf(
                        "{\"type\": \"GeoProperty\", \"value\": {\"type\": \"Point\","
                                + " \"coordinates\": [12.5, 55.6]}}");

        assertThat(point.kind).isEqualTo(AttributeValue.Kind.OBJECT);
        assertThat(point.unitCode).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"type\": \"Number\", \"value\": 5, \"metadata\": {\"unitCode\": {\"type\": \"Text\", \"value\": \"MTS\"}}}",
                "{\"type\": \"Property\", \"value\": 5, \"unitCode\": \"MTS\"}",
                "{\"value\": 5, \"metadata\": {\"unitCode\": {\"value\": \"MTS\"}}}"
            })
    void unitCodeIsReadInBothNormalizedForms(String attribute) {
        AttributeValue value = valueOf(attribute);
        assertThat(value.number).isEqualTo(5.0);
        assertThat(value.unitCode).isEqualTo("MTS");
    }

    @Test
    void otherAttributesAreSkippedButMustBeValidJson() {
        EntityScanner scanner = new EntityScanner(java.util.Set.of("a"));
        byte[] bad =
                "{\"b\": {\"x\": [1, }, \"a\": 1}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> scanner.scan(bad, 0, bad.length))
                .isInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "null",
                "{\"type\": \"Number\", \"value\": null}",
                "{\"type\": \"Property\", \"value\": {\"@type\": \"DateTime\", \"@value\": null}}"
            })
    void nullIsAbsent(String attribute) {
        assertThat(valueOf(attribute)).isNull();
    }

    @Test
    void missingAttributeIsAbsent() {
        assertThat(scan("{\"id\": \"x\"}").value("intensity")).isNull();
    }

    @Test
    void anAttributesOwnTimeIsKeptWithItsValue() {
        assertThat(
                        valueOf(
                                        "{\"type\": \"Property\", \"value\": 1, \"observedAt\": \"2024-03-12T08:00:00Z\"}")
                                .observedAt)
                .isEqualTo("2024-03-12T08:00:00Z");
        assertThat(valueOf("{\"value\": 1, \"observedAt\": \"2024-03-12T08:00:00Z\"}").observedAt)
                .isEqualTo("2024-03-12T08:00:00Z");
        assertThat(
                        valueOf(
                                        "{\"type\": \"Number\", \"value\": 1, \"metadata\": {\"TimeInstant\":"
                                                + " {\"type\": \"DateTime\", \"value\": \"2024-03-12T09:00:00Z\"}}}")
                                .observedAt)
                .isEqualTo("2024-03-12T09:00:00Z");
        assertThat(valueOf("1").observedAt).isNull();
        assertThat(valueOf("{\"type\": \"Number\", \"value\": 1}").observedAt).isNull();
    }

    @Test
    void objectWithValueAndOtherMembersButNoTypeIsTheValueItself() {
        AttributeValue value = valueOf("{\"value\": 1, \"unit\": \"m\"}");

        assertThat(value.kind).isEqualTo(AttributeValue.Kind.OBJECT);
    }
}
