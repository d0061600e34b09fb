package org.citylake.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampParserTest {

    /** A zone with daylight saving: 2024-03-31 02:00→03:00, 2024-10-27 03:00→02:00. */
    private final TimestampParser copenhagen = new TimestampParser(ZoneId.of("Europe/Copenhagen"));

    @ParameterizedTest
    @CsvSource({
        "2024-03-12T08:00:00Z,              2024-03-12T08:00:00Z",
        "2024-03-12t08:00:00z,              2024-03-12T08:00:00Z",
        "2024-03-12T08:00:00.123456789Z,    2024-03-12T08:00:00.123456789Z",
        "2024-03-12T08:00Z,                 2024-03-12T08:00:00Z",
        "2021-01-11T15:51:02+05:30,         2021-01-11T10:21:02Z",
        "2021-01-11T15:51:02+0530,          2021-01-11T10:21:02Z",
        "2021-01-11T15:51:02+05,            2021-01-11T10:51:02Z",
        "2021-01-11T05:51:02-03:00,         2021-01-11T08:51:02Z",
    })
    void timestampsWithAnOffsetAreExact(String text, String expected) {
        assertThat(copenhagen.instant(text)).isEqualTo(Instant.parse(expected));
    }

    @Test
    void oneParserReadsEachTimestampInItsOwnOffsetWhenTheOffsetsAlternate() {
        // the parser keeps the previous offset; a different one must not be read as it
        String[][] inOrder = {
            {"2021-01-11T15:51:02+05:30", "2021-01-11T10:21:02Z"},
            {"2021-01-11T15:51:02-03:00", "2021-01-11T18:51:02Z"},
            {"2021-01-11T15:51:02+03:00", "2021-01-11T12:51:02Z"},
            {"2021-01-11T15:51:02+05:30", "2021-01-11T10:21:02Z"},
            {"2021-01-11T15:51:02+05:30", "2021-01-11T10:21:02Z"},
            {"2021-01-11T15:51:02Z", "2021-01-11T15:51:02Z"},
            {"2021-01-11T15:51:02+00:00", "2021-01-11T15:51:02Z"},
        };
        for (String[] pair : inOrder) {
            assertThat(copenhagen.instant(pair[0])).as(pair[0]).isEqualTo(Instant.parse(pair[1]));
        }
    }

    @ParameterizedTest
    @CsvSource({
        "2024-01-15T12:00:00,  2024-01-15T11:00:00Z", // CET, +01:00
        "2024-07-01T12:00,     2024-07-01T10:00:00Z", // CEST, +02:00
        "2024-03-31T02:30:00,  2024-03-31T01:30:00Z", // in the spring gap: moved to 03:30 CEST
        "2024-10-27T02:30:00,  2024-10-27T00:30:00Z", // in the autumn overlap: the earlier, CEST
    })
    void timestampsWithoutAnOffsetAreCityTime(String text, String expected) {
        assertThat(copenhagen.instant(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "yesterday",
                "2024-02-30T00:00:00Z",
                "2024-03-12",
                "2024-03-12 08:00:00",
                "2024-03-12T25:00:00Z",
                "1710230400",
                "2024-03-12T08:00:00Z trailing"
            })
    void unreadableTimestampsAreNull(String text) {
        assertThat(copenhagen.instant(text)).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2024-03-12T08:00:00Z",
                "2024-03-12T08:00:00.1Z",
                "2024-03-12T08:00:00.123456789Z",
                "2024-03-12T08:00:00.1234567891Z",
                "2024-03-12T08:00:00.Z",
                "2024-03-12T08:00:00+05:30",
                "2024-03-12T08:00:00-00:00",
                "2024-03-12T08:00:00+18:00",
                "2024-03-12T08:00:00+18:01",
                "2024-03-12T08:00:00+19:00",
                "2024-03-12T08:00:00+05:60",
                "2024-03-12T08:00:00",
                "2024-03-31T02:30:00",
                "2024-10-27T02:30:00.5",
                "2024-02-29T00:00:00Z",
                "2023-02-29T00:00:00Z",
                "2024-04-31T00:00:00Z",
                "2024-00-10T00:00:00Z",
                "2024-12-32T00:00:00Z",
                "2024-03-12T24:00:00Z",
                "2024-03-12T08:60:00Z",
                "2024-03-12T08:00:60Z",
                "2024-03-12T08:00:00ZZ",
                "2024-03-12T08:00:00+0530",
                "2024-03-1xT08:00:00Z",
                "0000-01-01T00:00:00Z"
            })
    void fastPathAgreesWithTheFormatter(String text) {
        assertThat(copenhagen.instant(text)).isEqualTo(copenhagen.viaFormatter(text));
    }

    @Test
    void intervalOfTwoTimestamps() {
        assertThat(copenhagen.instantOrInterval("2016-12-07T11:10:00Z/2016-12-07T11:15:00Z"))
                .isEqualTo(
                        new TimeInterval(
                                Instant.parse("2016-12-07T11:10:00Z"),
                                Instant.parse("2016-12-07T11:15:00Z")));
    }

    @Test
    void intervalOfStartAndDuration() {
        assertThat(copenhagen.instantOrInterval("2016-12-07T11:10:00Z/PT5M"))
                .isEqualTo(
                        new TimeInterval(
                                Instant.parse("2016-12-07T11:10:00Z"),
                                Instant.parse("2016-12-07T11:15:00Z")));
    }

    @Test
    void intervalOfDurationAndEnd() {
        assertThat(copenhagen.instantOrInterval("PT15M/2016-12-07T11:15:00Z"))
                .isEqualTo(
                        new TimeInterval(
                                Instant.parse("2016-12-07T11:00:00Z"),
                                Instant.parse("2016-12-07T11:15:00Z")));
    }

    @Test
    void plainTimestampIsAnIntervalWithoutEnd() {
        assertThat(copenhagen.instantOrInterval("2016-12-07T11:10:00Z"))
                .isEqualTo(new TimeInterval(Instant.parse("2016-12-07T11:10:00Z"), null));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2016-12-07T11:10:00Z/",
                "/2016-12-07T11:10:00Z",
                "2016-12-07T11:10:00Z/soon",
                "P1M/2016-12-07T11:15:00Z",
                "PT5M/PT5M"
            })
    void unreadableIntervalsAreNull(String text) {
        assertThat(copenhagen.instantOrInterval(text)).isNull();
    }
}
