package org.citylake.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class LocalTimesTest {

    private static final ZoneId AARHUS = ZoneId.of("Europe/Copenhagen");

    private static String resolve(String local, ZoneId zone) {
        return LocalTimes.format(LocalTimes.resolve(LocalDateTime.parse(local), zone));
    }

    private static String resolveAfter(String local, ZoneId zone, String previous) {
        return LocalTimes.format(
                LocalTimes.resolve(
                        LocalDateTime.parse(local),
                        zone,
                        OffsetDateTime.parse(previous).toInstant()));
    }

    @Test
    void ordinaryLocalTimeGetsTheZoneOffset() {
        assertThat(resolve("2014-08-18T00:00:00", AARHUS)).isEqualTo("2014-08-18T00:00:00+02:00");
        assertThat(resolve("2014-01-18T00:00:00", AARHUS)).isEqualTo("2014-01-18T00:00:00+01:00");
        assertThat(resolve("2010-07-01T12:00:00", ZoneId.of("Asia/Shanghai")))
                .isEqualTo("2010-07-01T12:00:00+08:00");
        assertThat(resolve("2016-08-09T15:46:34", ZoneId.of("Europe/London")))
                .isEqualTo("2016-08-09T15:46:34+01:00");
    }

    @Test
    void gapIsMovedForwardByTheGapLength() {
        // 2014-03-30 Copenhagen: 02:00 CET -> 03:00 CEST; 02:30 never happened.
        assertThat(resolve("2014-03-30T02:30:00", AARHUS)).isEqualTo("2014-03-30T03:30:00+02:00");
        assertThat(resolve("2014-03-30T02:00:00", AARHUS)).isEqualTo("2014-03-30T03:00:00+02:00");
        // 2016-03-27 London: 01:00 GMT -> 02:00 BST.
        assertThat(resolve("2016-03-27T01:30:00", ZoneId.of("Europe/London")))
                .isEqualTo("2016-03-27T02:30:00+01:00");
    }

    @Test
    void overlapTakesTheFirstOccurrence() {
        // 2014-10-26 Copenhagen: 03:00 CEST -> 02:00 CET; 02:00..02:59 happened twice.
        assertThat(resolve("2014-10-26T02:30:00", AARHUS)).isEqualTo("2014-10-26T02:30:00+02:00");
        assertThat(resolve("2014-10-26T01:59:59", AARHUS)).isEqualTo("2014-10-26T01:59:59+02:00");
        assertThat(resolve("2014-10-26T03:00:00", AARHUS)).isEqualTo("2014-10-26T03:00:00+01:00");
    }

    @Test
    void overlapTakesTheSecondOccurrenceWhenTheFirstWouldRunBackwards() {
        assertThat(resolveAfter("2014-10-26T02:28:41.677", AARHUS, "2014-10-26T02:58:41.663+02:00"))
                .isEqualTo("2014-10-26T02:28:41.677+01:00");
        // not backwards: stays in the first occurrence
        assertThat(resolveAfter("2014-10-26T02:58:41.663", AARHUS, "2014-10-26T02:28:41.664+02:00"))
                .isEqualTo("2014-10-26T02:58:41.663+02:00");
        // equal to the previous reading (a repeat) is not backwards
        assertThat(resolveAfter("2014-10-26T02:28:00", AARHUS, "2014-10-26T02:28:00+02:00"))
                .isEqualTo("2014-10-26T02:28:00+02:00");
    }

    @Test
    void previousReadingNeverShiftsATimeOutsideAnOverlap() {
        assertThat(resolveAfter("2014-10-26T04:00:00", AARHUS, "2014-10-26T05:00:00+01:00"))
                .isEqualTo("2014-10-26T04:00:00+01:00");
        assertThat(resolveAfter("2014-03-30T02:30:00", AARHUS, "2014-03-30T05:00:00+02:00"))
                .isEqualTo("2014-03-30T03:30:00+02:00");
    }

    @Test
    void nullPreviousIsTheSameAsNone() {
        Instant none = null;
        assertThat(LocalTimes.resolve(LocalDateTime.parse("2014-10-26T02:30:00"), AARHUS, none))
                .isEqualTo(LocalTimes.resolve(LocalDateTime.parse("2014-10-26T02:30:00"), AARHUS));
    }

    @Test
    void parsesTheSourcesLocalTimeFormats() {
        assertThat(LocalTimes.parseLocal("2014-08-18T00:05:00"))
                .contains(LocalDateTime.parse("2014-08-18T00:05:00"));
        assertThat(LocalTimes.parseLocal("2014-05-22 09:09:04.145"))
                .contains(LocalDateTime.parse("2014-05-22T09:09:04.145"));
        assertThat(LocalTimes.parseLocal("2014-05-26 02:28:17.65"))
                .contains(LocalDateTime.parse("2014-05-26T02:28:17.650"));
        assertThat(LocalTimes.parseLocal(" 2016-08-09 15:46:34 "))
                .contains(LocalDateTime.parse("2016-08-09T15:46:34"));
        assertThat(LocalTimes.parseLocal("2014-02-30 10:00:00")).isEmpty();
        assertThat(LocalTimes.parseLocal("yesterday")).isEmpty();
        assertThat(LocalTimes.parseLocal("")).isEmpty();
        assertThat(LocalTimes.parseLocal(null)).isEmpty();
    }

    @Test
    void formatAlwaysWritesSecondsAndOnlyTheFractionThatIsThere() {
        assertThat(resolve("2014-08-18T00:00", AARHUS)).isEqualTo("2014-08-18T00:00:00+02:00");
        assertThat(resolve("2014-05-26T02:28:17.650", AARHUS))
                .isEqualTo("2014-05-26T02:28:17.65+02:00");
    }
}
