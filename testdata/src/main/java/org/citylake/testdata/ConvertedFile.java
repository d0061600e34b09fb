package org.citylake.testdata;

import java.nio.file.Path;

/**
 * One file a converter wrote.
 *
 * @param city lower-case city id, e.g. {@code aarhus}
 * @param kind the feed id ({@code traffic}, {@code parking}, …) for a feed file, {@code ref} for a
 *     ref-table file
 * @param table the feed id for a feed file, the fully qualified ref table (e.g. {@code
 *     ref.road_segments}) for a ref file
 * @param path where it was written
 * @param lines number of JSON lines (entities or ref rows) in it
 */
public record ConvertedFile(String city, String kind, String table, Path path, long lines) {

    public static final String REF = "ref";

    public boolean isRef() {
        return REF.equals(kind);
    }
}
