package org.citylake.model;

import java.util.Optional;

/**
 * The FIWARE Smart Data Model entity types CityLake ingests, the feed that carries each, its {@code
 * clean} table, the column that names the sensor/asset it is about, and the {@code ref} table that
 * must know that asset (empty when no reference check applies).
 */
public enum EntityType {
    TRAFFIC_FLOW_OBSERVED(
            "TrafficFlowObserved", Feed.TRAFFIC, "traffic_flow", "segment_id", "road_segments"),
    AIR_QUALITY_OBSERVED(
            "AirQualityObserved", Feed.AIR, "air_quality", "station_id", "air_stations"),
    STREETLIGHT("Streetlight", Feed.LIGHTING, "streetlight", "lamp_id", "streetlights"),
    STREETLIGHT_CONTROL_CABINET(
            "StreetlightControlCabinet",
            Feed.LIGHTING,
            "streetlight_cabinet",
            "cabinet_id",
            "streetlight_cabinets"),
    WASTE_CONTAINER(
            "WasteContainer", Feed.WASTE, "waste_container", "container_id", "waste_containers"),
    /**
     * CityLake extension type: one emptying of a container by a vehicle (FIWARE has no model for
     * collection events).
     */
    WASTE_COLLECTION(
            "WasteCollection", Feed.WASTE, "waste_collection", "container_id", "waste_containers"),
    OFF_STREET_PARKING("OffStreetParking", Feed.PARKING, "parking", "lot_id", "parking_lots");

    private final String ngsiType;
    private final Feed feed;
    private final String cleanName;
    private final String sensorColumn;
    private final String refName;

    EntityType(String ngsiType, Feed feed, String cleanName, String sensorColumn, String refName) {
        this.ngsiType = ngsiType;
        this.feed = feed;
        this.cleanName = cleanName;
        this.sensorColumn = sensorColumn;
        this.refName = refName;
    }

    /** The NGSI {@code type} attribute value. */
    public String ngsiType() {
        return ngsiType;
    }

    public Feed feed() {
        return feed;
    }

    /** Fully qualified clean table, e.g. {@code clean.traffic_flow}. */
    public String cleanTable() {
        return "clean." + cleanName;
    }

    /**
     * Column of the clean table holding the id of the sensor/asset checked against {@link
     * #refTable()}.
     */
    public String sensorColumn() {
        return sensorColumn;
    }

    /** Fully qualified ref table whose {@code id} column lists the known sensors/assets. */
    public String refTable() {
        return "ref." + refName;
    }

    public static Optional<EntityType> ofNgsiType(String type) {
        for (EntityType t : values()) {
            if (t.ngsiType.equals(type)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
