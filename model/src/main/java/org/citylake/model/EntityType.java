package org.citylake.model;

import java.util.Optional;
import org.citylake.model.feed.EntityDescriptor;
import org.citylake.model.feed.FeedCatalog;

/**
 * The built-in FIWARE Smart Data Model entity types the analytics read, by name. Their tables,
 * sensor columns and ref tables are defined by the built-in feed descriptors ({@link
 * FeedCatalog#builtIn()}); ingest knows entity types only through descriptors, so a city adds a
 * type with a descriptor file, not with a constant here.
 */
public enum EntityType {
    TRAFFIC_FLOW_OBSERVED("TrafficFlowObserved", Feed.TRAFFIC),
    AIR_QUALITY_OBSERVED("AirQualityObserved", Feed.AIR),
    STREETLIGHT("Streetlight", Feed.LIGHTING),
    STREETLIGHT_CONTROL_CABINET("StreetlightControlCabinet", Feed.LIGHTING),
    WASTE_CONTAINER("WasteContainer", Feed.WASTE),
    /**
     * CityLake extension type: one emptying of a container by a vehicle (FIWARE has no model for
     * collection events).
     */
    WASTE_COLLECTION("WasteCollection", Feed.WASTE),
    OFF_STREET_PARKING("OffStreetParking", Feed.PARKING);

    private final String ngsiType;
    private final Feed feed;

    EntityType(String ngsiType, Feed feed) {
        this.ngsiType = ngsiType;
        this.feed = feed;
    }

    /** The NGSI {@code type} attribute value. */
    public String ngsiType() {
        return ngsiType;
    }

    public Feed feed() {
        return feed;
    }

    /** The built-in descriptor of this type. */
    public EntityDescriptor descriptor() {
        return feed.descriptor()
                .entity(ngsiType)
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "built-in feed " + feed.id() + " lacks " + ngsiType));
    }

    /** Fully qualified clean table, e.g. {@code clean.traffic_flow}. */
    public String cleanTable() {
        return descriptor().cleanTable();
    }

    /** Column of the clean table holding the id of the sensor/asset. */
    public String sensorColumn() {
        return descriptor().sensorColumn();
    }

    /** Fully qualified ref table whose {@code id} column lists the known sensors/assets. */
    public String refTable() {
        return descriptor().refTable().orElseThrow();
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
