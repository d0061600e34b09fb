package org.citylake.exchange.release;

/**
 * One file of a release.
 *
 * @param name file name within the release folder, e.g. {@code congestion-hourly.parquet}
 * @param format parquet, csv, geojson, schema (JSON) or checksums
 * @param mediaType IANA media type
 * @param sha256 hex SHA-256 of the bytes
 * @param bytes size
 * @param location full location (file: or s3:)
 */
public record ReleaseFile(
        String name, String format, String mediaType, String sha256, long bytes, String location) {}
