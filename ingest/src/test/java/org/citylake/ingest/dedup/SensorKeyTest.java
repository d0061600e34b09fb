package org.citylake.ingest.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.binary.BinaryRowData;
import org.apache.flink.table.data.writer.BinaryRowWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The key built from a row's UTF-8 strings is the very key built from Java strings: keyed state and
 * the committed keys loaded from the clean table (built from Java strings) must meet.
 */
class SensorKeyTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "aarhus|urn:ngsi-ld:TrafficFlowObserved:158324",
                "münchen|urn:ngsi-ld:NoiseLevelObserved:Straße-7",
                "北京|urn:ngsi-ld:AirQualityObserved:东四",
                "sydney|sensor-\uD83D\uDE97-1",
                "''|''",
                "x|''"
            })
    void fromTheRowsBytesIsTheKeyFromJavaStrings(String city, String entityId) {
        String expected = SensorKey.of(city, entityId);
        // as parse builds them: strings from their UTF-8 bytes
        assertThat(
                        SensorKey.of(
                                StringData.fromBytes(city.getBytes(StandardCharsets.UTF_8)),
                                StringData.fromBytes(entityId.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(expected);
        // as built from Java strings
        assertThat(SensorKey.of(StringData.fromString(city), StringData.fromString(entityId)))
                .isEqualTo(expected);
        // as dedup reads them: inside a binary row, at an offset in its memory
        BinaryRowData row = new BinaryRowData(3);
        BinaryRowWriter writer = new BinaryRowWriter(row);
        writer.writeString(0, StringData.fromString("a longer first field, so offsets move on"));
        writer.writeString(1, StringData.fromString(city));
        writer.writeString(2, StringData.fromString(entityId));
        writer.complete();
        assertThat(SensorKey.of(row.getString(1), row.getString(2))).isEqualTo(expected);
    }
}
