package org.citylake.bench.cityday;

import java.io.IOException;
import java.nio.file.Path;
import org.citylake.model.EntityType;

/**
 * One feed of the generated city-day: a number of sensors, each sending a fixed number of readings
 * over the day, written as the replay file {@code <feeds>/<city>/<feed>.jsonl} that {@code citylake
 * ingest} reads, with the ref rows that make its sensors known.
 */
public interface CityDayFeed {

    /** The entity type of every generated reading (and so its clean table). */
    EntityType entityType();

    String city();

    /** Sensors at the chosen scale. */
    int sensors();

    /** Readings each sensor sends over the day. */
    int readingsPerSensor();

    /** Readings of the day: sensors × readings per sensor; every one valid and unique. */
    default long readings() {
        return (long) sensors() * readingsPerSensor();
    }

    /**
     * Writes the readings in observation-time order to {@code <feeds>/<city>/<feed>.jsonl} and the
     * sensors' ref rows to {@code <feeds>/<city>/ref/}; returns the readings written.
     */
    long write(Path feedsDir) throws IOException;

    /** Sensors at {@code scale} of a full-scale count: rounded, at least one. */
    static int atScale(int fullScale, double scale) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("scale must be positive, got " + scale);
        }
        return (int) Math.max(1, Math.round(fullScale * scale));
    }
}
