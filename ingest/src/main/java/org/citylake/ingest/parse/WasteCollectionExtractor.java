package org.citylake.ingest.parse;

import org.citylake.model.EntityType;

/**
 * {@code WasteCollection} (CityLake extension: one emptying of a container by a vehicle) → {@code
 * clean.waste_collection}. The container is {@code refWasteContainer} (required); the observation
 * time is the first present of {@code dateObserved}, {@code observationDateTime}, {@code
 * dateModified}.
 *
 * <table>
 *   <caption>Attributes read</caption>
 *   <tr><th>attribute</th><th>column</th><th>check</th></tr>
 *   <tr><td>refWasteContainer (required; the sensor)</td><td>container_id</td><td>text</td></tr>
 *   <tr><td>refVehicle</td><td>vehicle_id</td><td>text</td></tr>
 *   <tr><td>fillingLevelBefore (0..1)</td><td>fill_before</td><td>0..1.2</td></tr>
 *   <tr><td>fillingLevelAfter (0..1)</td><td>fill_after</td><td>0..1.2</td></tr>
 *   <tr><td>volume (l)</td><td>volume_l</td><td>≥ 0</td></tr>
 *   <tr><td>weight (kg)</td><td>weight_kg</td><td>≥ 0</td></tr>
 * </table>
 */
final class WasteCollectionExtractor implements EntityExtractor {

    static final WasteCollectionExtractor INSTANCE = new WasteCollectionExtractor();

    private static final ValidRange VOLUME = ValidRange.atLeast(0, "l");

    private WasteCollectionExtractor() {}

    @Override
    public ParsedReading extract(EntityReader in) {
        String container = in.text("refWasteContainer");
        if (container != null) {
            in.aboutSensor(container);
        }
        in.observedAt("dateObserved", "observationDateTime", "dateModified");
        in.required(container, "refWasteContainer");
        return new ReadingValues(EntityType.WASTE_COLLECTION, container)
                .put("vehicle_id", in.text("refVehicle"))
                .put(
                        "fill_before",
                        in.number("fillingLevelBefore", WasteContainerExtractor.FILLING_LEVEL))
                .put(
                        "fill_after",
                        in.number("fillingLevelAfter", WasteContainerExtractor.FILLING_LEVEL))
                .put("volume_l", in.number("volume", VOLUME))
                .put("weight_kg", in.number("weight", WasteContainerExtractor.WEIGHT))
                .reading(in);
    }
}
