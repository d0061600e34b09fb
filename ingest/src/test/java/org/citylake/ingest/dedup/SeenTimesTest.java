package org.citylake.ingest.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.citylake.ingest.dedup.SeenTimes.Outcome;
import org.junit.jupiter.api.Test;

class SeenTimesTest {

    private static final long MINUTE = 60_000_000L;
    private static final long HORIZON = 14 * 24 * 60 * MINUTE;

    @Test
    void inOrderReadingsAreNewAndRepeatsAreDuplicates() {
        SeenTimes seen = new SeenTimes();
        for (int i = 0; i < 100; i++) {
            assertThat(seen.accept(i * MINUTE, HORIZON)).isEqualTo(Outcome.NEW);
        }
        assertThat(seen.accept(0, HORIZON)).isEqualTo(Outcome.DUPLICATE);
        assertThat(seen.accept(57 * MINUTE, HORIZON)).isEqualTo(Outcome.DUPLICATE);
        assertThat(seen.accept(99 * MINUTE, HORIZON)).isEqualTo(Outcome.DUPLICATE);
        assertThat(seen.accept(57 * MINUTE + 1, HORIZON)).isEqualTo(Outcome.NEW);
        assertThat(seen.size()).isEqualTo(101);
    }

    @Test
    void shuffledReadingsGiveTheSameDecisionsAsASet() {
        Random random = new Random(42);
        long horizon = 500 * MINUTE;
        SeenTimes seen = new SeenTimes();
        TreeSet<Long> accepted = new TreeSet<>();
        int duplicates = 0;
        for (int i = 0; i < 20_000; i++) {
            // Mostly forward in time, a fifth re-sent from the last 100 minutes.
            long t =
                    random.nextInt(5) == 0
                            ? (i / 10 - random.nextInt(100)) * MINUTE
                            : (i / 10) * MINUTE + random.nextInt(3);
            long newest = accepted.isEmpty() ? Long.MIN_VALUE : accepted.last();
            Outcome expected;
            if (!accepted.isEmpty() && t < newest - horizon) {
                expected = Outcome.BEYOND_HORIZON;
            } else if (accepted.contains(t)) {
                expected = Outcome.DUPLICATE;
                duplicates++;
            } else {
                expected = Outcome.NEW;
                accepted.add(t);
            }
            assertThat(seen.accept(t, horizon)).as("reading %d at %d", i, t).isEqualTo(expected);
        }
        assertThat(duplicates).isGreaterThan(1000);
    }

    @Test
    void timesBeyondTheHorizonAreForgottenAndLetThrough() {
        long horizon = 10 * MINUTE;
        SeenTimes seen = new SeenTimes();
        for (int i = 0; i <= 1000; i++) {
            seen.accept(i * MINUTE, horizon);
        }
        // Only what lies within the horizon (plus at most a quarter of stale ones) is held.
        assertThat(seen.size()).isLessThanOrEqualTo(15);
        assertThat(seen.accept(995 * MINUTE, horizon)).isEqualTo(Outcome.DUPLICATE);
        assertThat(seen.accept(990 * MINUTE, horizon)).isEqualTo(Outcome.DUPLICATE);
        assertThat(seen.accept(989 * MINUTE, horizon)).isEqualTo(Outcome.BEYOND_HORIZON);
        assertThat(seen.accept(5 * MINUTE, horizon)).isEqualTo(Outcome.BEYOND_HORIZON);
    }

    @Test
    void seededFromCommittedTimesInAnyOrder() {
        SeenTimes seen = SeenTimes.of(new long[] {3 * MINUTE, MINUTE, 2 * MINUTE, MINUTE});
        assertThat(seen.size()).isEqualTo(3);
        assertThat(seen.accept(MINUTE, HORIZON)).isEqualTo(Outcome.DUPLICATE);
        assertThat(seen.accept(4 * MINUTE, HORIZON)).isEqualTo(Outcome.NEW);
    }

    @Test
    void serializerRoundTripsAndCopiesAreIndependent() throws Exception {
        SeenTimes seen = new SeenTimes();
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            seen.accept(i * 7 * MINUTE, HORIZON);
            times.add(i * 7 * MINUTE);
        }
        DataOutputSerializer out = new DataOutputSerializer(64);
        SeenTimesSerializer.INSTANCE.serialize(seen, out);
        assertThat(out.length()).isEqualTo(4 + 1000 * 8);
        SeenTimes back =
                SeenTimesSerializer.INSTANCE.deserialize(
                        new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(back.size()).isEqualTo(1000);
        for (int i = 0; i < 1000; i++) {
            assertThat(back.get(i)).isEqualTo(times.get(i));
        }

        SeenTimes copy = SeenTimesSerializer.INSTANCE.copy(seen);
        assertThat(copy.accept(3 * MINUTE, HORIZON)).isEqualTo(Outcome.NEW);
        assertThat(seen.accept(3 * MINUTE, HORIZON)).isEqualTo(Outcome.NEW);
        assertThat(seen.size()).isEqualTo(1001);
    }
}
