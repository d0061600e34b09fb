package org.citylake.ingest;

import java.time.Instant;

/** The identity of a reading within one clean table: (city, entity id, observation time). */
final class DedupKeys {

    private DedupKeys() {}

    static String key(String city, String entityId, Instant observedAt) {
        return city
                + '\u0001'
                + entityId
                + '\u0001'
                + observedAt.getEpochSecond()
                + '.'
                + observedAt.getNano();
    }

    /** 64-bit FNV-1a with a final avalanche; collisions among millions of keys are negligible. */
    static long hash(String key) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h ^= key.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }
}
