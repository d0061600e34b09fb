package org.citylake.analytics.job;

import org.apache.flink.table.data.StringData;

/** Values of Flink rows the jobs write to gold tables, null-safe. */
public final class RowValues {

    private RowValues() {}

    /** {@code s} as row data; null stays null. */
    public static StringData str(String s) {
        return s == null ? null : StringData.fromString(s);
    }
}
