package org.citylake.lakehouse.config;

import java.util.Locale;

/** Where the lake lives. */
public enum Profile {
    /** SQLite JDBC catalog and a local-filesystem warehouse under the data dir; no servers. */
    EMBEDDED,
    /** PostgreSQL JDBC catalog and an S3 warehouse (S3Proxy locally, any S3 in production). */
    STACK;

    public static Profile of(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown profile '" + value + "'; expected 'embedded' or 'stack'");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
