package org.citylake.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The compact id set answers as a {@code HashSet} holding the same ids does. */
class KnownIdsTest {

    @Test
    void answersLikeAHashSetForMembersAndStrangers() {
        Random random = new Random(7);
        Set<String> ids = new HashSet<>();
        while (ids.size() < 5_000) {
            ids.add(randomId(random));
        }
        KnownIds known = KnownIds.of(ids);
        assertThat(known.size()).isEqualTo(ids.size());
        for (String id : ids) {
            // a fresh String, as a parser makes one per reading
            assertThat(known.contains(new String(id.toCharArray()))).as(id).isTrue();
        }
        int strangers = 0;
        for (int i = 0; i < 50_000; i++) {
            String id = randomId(random);
            assertThat(known.contains(id)).as(id).isEqualTo(ids.contains(id));
            strangers += ids.contains(id) ? 0 : 1;
        }
        // both kinds were asked about, many times
        assertThat(strangers).isBetween(10_000, 49_000);
    }

    @Test
    void tellsApartIdsWithTheSameHashAndPrefixes() {
        // "Aa" and "BB" have the same String hash; so have "AaAa", "AaBB", "BBAa" and "BBBB"
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        KnownIds known =
                KnownIds.of(List.of("Aa", "AaAa", "BBBB", "segment-1", "", "Straße 7", "路段-12"));
        assertThat(known.contains("Aa")).isTrue();
        assertThat(known.contains("BB")).isFalse();
        assertThat(known.contains("AaBB")).isFalse();
        assertThat(known.contains("BBBB")).isTrue();
        assertThat(known.contains("segment-1")).isTrue();
        assertThat(known.contains("segment-")).isFalse();
        assertThat(known.contains("segment-10")).isFalse();
        assertThat(known.contains("")).isTrue();
        assertThat(known.contains("Straße 7")).isTrue();
        assertThat(known.contains("Strasse 7")).isFalse();
        assertThat(known.contains("路段-12")).isTrue();
        assertThat(known.contains("路段-13")).isFalse();
    }

    @Test
    void anEmptySetKnowsNothing() {
        assertThat(KnownIds.none().contains("")).isFalse();
        assertThat(KnownIds.of(new ArrayList<>()).contains("segment-1")).isFalse();
        assertThat(KnownIds.of(List.of("a", "a", "b")).size()).isEqualTo(2);
    }

    private static String randomId(Random random) {
        StringBuilder id = new StringBuilder("urn:ngsi-ld:TrafficFlowObserved:");
        int length = 1 + random.nextInt(6);
        for (int i = 0; i < length; i++) {
            id.append((char) ('0' + random.nextInt(10)));
        }
        if (random.nextInt(20) == 0) {
            id.append('é');
        }
        return id.toString();
    }
}
