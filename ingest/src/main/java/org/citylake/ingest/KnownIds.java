package org.citylake.ingest;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * An immutable set of asset ids, checked once per reading. A {@code HashSet<String>} reaches an id
 * through four objects spread over the heap (table slot, node, string, its bytes), so on a core
 * whose caches the Parquet writers keep evicting, each look-up waits on several memory loads. Here
 * the slots are one {@code int[]} (hash, offset, length) and the characters of all ids one {@code
 * char[]}: a look-up reads one slot and the id's characters next to each other. Open addressing
 * with linear probing, at most half full.
 */
final class KnownIds {

    private static final int EMPTY = -1;
    private static final KnownIds NONE = of(Set.of());

    /** Per slot: hash, offset into {@link #chars} (or {@link #EMPTY}), length. */
    private final int[] slots;

    private final char[] chars;
    private final int mask;
    private final int size;

    private KnownIds(int[] slots, char[] chars, int mask, int size) {
        this.slots = slots;
        this.chars = chars;
        this.mask = mask;
        this.size = size;
    }

    static KnownIds none() {
        return NONE;
    }

    static KnownIds of(Collection<String> ids) {
        Collection<String> distinct =
                ids instanceof Set<String> set ? set : new LinkedHashSet<>(ids);
        int capacity = Integer.highestOneBit(Math.max(2, distinct.size()) * 2 - 1) << 1;
        int[] slots = new int[capacity * 3];
        for (int i = 0; i < capacity; i++) {
            slots[i * 3 + 1] = EMPTY;
        }
        int total = 0;
        for (String id : distinct) {
            total += id.length();
        }
        char[] chars = new char[total];
        int mask = capacity - 1;
        int offset = 0;
        for (String id : distinct) {
            int hash = id.hashCode();
            int i = spread(hash) & mask;
            while (slots[i * 3 + 1] != EMPTY) {
                i = (i + 1) & mask;
            }
            id.getChars(0, id.length(), chars, offset);
            slots[i * 3] = hash;
            slots[i * 3 + 1] = offset;
            slots[i * 3 + 2] = id.length();
            offset += id.length();
        }
        return new KnownIds(slots, chars, mask, distinct.size());
    }

    boolean contains(String id) {
        int hash = id.hashCode();
        int length = id.length();
        int i = spread(hash) & mask;
        while (true) {
            int at = i * 3;
            int offset = slots[at + 1];
            if (offset == EMPTY) {
                return false;
            }
            if (slots[at] == hash && slots[at + 2] == length && sameChars(id, offset, length)) {
                return true;
            }
            i = (i + 1) & mask;
        }
    }

    int size() {
        return size;
    }

    private boolean sameChars(String id, int offset, int length) {
        for (int k = 0; k < length; k++) {
            if (chars[offset + k] != id.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** String hashes of similar ids differ mostly in their low bits' neighbours: mix them in. */
    private static int spread(int hash) {
        int h = hash * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
