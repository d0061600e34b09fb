package org.citylake.ingest.parse;

import org.citylake.model.EntityType;

/**
 * Turns the attributes of one entity type into the columns of its clean table. Implementations are
 * stateless singletons; they set the observation time and the sensor on the reader first, so that
 * later rejections carry both.
 */
interface EntityExtractor {

    /** Reads one entity; throws {@link RejectedReading} when it must be refused. */
    ParsedReading extract(EntityReader entity);

    static EntityExtractor of(EntityType type) {
        return switch (type) {
            case TRAFFIC_FLOW_OBSERVED -> TrafficFlowExtractor.INSTANCE;
            case AIR_QUALITY_OBSERVED -> AirQualityExtractor.INSTANCE;
            case STREETLIGHT -> StreetlightExtractor.INSTANCE;
            case STREETLIGHT_CONTROL_CABINET -> StreetlightCabinetExtractor.INSTANCE;
            case WASTE_CONTAINER -> WasteContainerExtractor.INSTANCE;
            case WASTE_COLLECTION -> WasteCollectionExtractor.INSTANCE;
            case OFF_STREET_PARKING -> OffStreetParkingExtractor.INSTANCE;
        };
    }
}
