package org.citylake.analytics.waste;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The travel source of a run's settings, one per JVM and network: a road network is imported
 * once per task manager and shared by the day groups of every slot.
 */
final class Travels {

    private static final Map<String, Travel> OPEN = new ConcurrentHashMap<>();

    private Travels() {}

    static Travel of(WasteSettings settings) {
        if (settings.osm().isEmpty()) {
            return new GreatCircleTravel(settings.speedMps());
        }
        return OPEN.computeIfAbsent(settings.osm(), RoadTravel::open);
    }
}
