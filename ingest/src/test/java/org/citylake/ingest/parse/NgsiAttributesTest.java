package org.citylake.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.citylake.ingest.parse.ParserFixtures.tree;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NgsiAttributesTest {

    private static JsonNode valueOf(String attributeJson) {
        return new NgsiAttributes(tree("{\"a\": " + attributeJson + "}")).value("a");
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
                "{\"type\": \"Property\", \"value\": {\"@type\": \"Number\", \"@value\": 197}}"
            })
    void numberInEveryEncoding(String attribute) {
        assertThat(valueOf(attribute).intValue()).isEqualTo(197);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"urn:ngsi-ld:RoadSegment:1\"",
                "{\"type\": \"Relationship\", \"value\": \"urn:ngsi-ld:RoadSegment:1\"}",
                "{\"type\": \"Text\", \"value\": \"urn:ngsi-ld:RoadSegment:1\"}",
                "{\"type\": \"Relationship\", \"object\": \"urn:ngsi-ld:RoadSegment:1\"}",
                "{\"type\": \"VocabProperty\", \"vocab\": \"urn:ngsi-ld:RoadSegment:1\"}"
            })
    void textAndReferencesInEveryEncoding(String attribute) {
        assertThat(valueOf(attribute).textValue()).isEqualTo("urn:ngsi-ld:RoadSegment:1");
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
        assertThat(valueOf(attribute).textValue()).isEqualTo("2024-03-12T08:00:00Z");
    }

    @Test
    void geoJsonInKeyValuesIsTheValueItself() {
        JsonNode point = valueOf("{\"type\": \"Point\", \"coordinates\": [12.5, 55.6]}");

        assertThat(point.get("type").textValue()).isEqualTo("Point");
        assertThat(point.get("coordinates")).hasSize(2);
    }

    @Test
    void geoPropertyIsUnwrapped() {
        JsonNode point =
                valueOf(
                        "{\"type\": \"GeoProperty\", \"value\": {\"type\": \"Point\","
                                + " \"coordinates\": [12.5, 55.6]}}");

        assertThat(point.get("type").textValue()).isEqualTo("Point");
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
        assertThat(new NgsiAttributes(tree("{\"id\": \"x\"}")).value("intensity")).isNull();
    }

    @Test
    void objectWithValueAndOtherMembersButNoTypeIsTheValueItself() {
        JsonNode value = valueOf("{\"value\": 1, \"unit\": \"m\"}");

        assertThat(value.isObject()).isTrue();
        assertThat(value.get("unit").textValue()).isEqualTo("m");
    }
}
