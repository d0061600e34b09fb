package org.citylake.ingest.parse;

import org.citylake.model.EntityType;

/**
 * {@code WasteContainer} → {@code clean.waste_container}. The container is the entity id; the
 * observation time is the first present of {@code dateObserved}, {@code observationDateTime},
 * {@code dateModified}, {@code binLoggedTime}, {@code timeInstant}.
 *
 * <table>
 *   <caption>Attributes read</caption>
 *   <tr><th>attribute</th><th>column</th><th>check</th></tr>
 *   <tr><td>fillingLevel (0..1)</td><td>filling_level</td><td>0..1.2 (sensors over-read; not
 *       clamped)</td></tr>
 *   <tr><td>cargoWeight (kg)</td><td>cargo_weight_kg</td><td>≥ 0</td></tr>
 *   <tr><td>category (text or list, joined with commas)</td><td>category</td><td>text</td></tr>
 *   <tr><td>status</td><td>status</td><td>text, as reported</td></tr>
 *   <tr><td>dateLastEmptying</td><td>date_last_emptying</td><td>timestamp</td></tr>
 * </table>
 */
final class WasteContainerExtractor implements EntityExtractor {

    static final WasteContainerExtractor INSTANCE = new WasteContainerExtractor();

    static final ValidRange FILLING_LEVEL = ValidRange.closed(0, 1.2, "");
    static final ValidRange WEIGHT = ValidRange.atLeast(0, "kg");

    private WasteContainerExtractor() {}

    @Override
    public ParsedReading extract(EntityReader in) {
        String container = in.entityId();
        in.aboutSensor(container);
        in.observedAt(
                "dateObserved",
                "observationDateTime",
                "dateModified",
                "binLoggedTime",
                "timeInstant");
        return new ReadingValues(EntityType.WASTE_CONTAINER, container)
                .put("filling_level", in.number("fillingLevel", FILLING_LEVEL))
                .put("cargo_weight_kg", in.number("cargoWeight", WEIGHT))
                .put("category", in.textOrList("category"))
                .put("status", in.text("status"))
                .put("date_last_emptying", in.instant("dateLastEmptying"))
                .reading(in);
    }
}
