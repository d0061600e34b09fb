package org.citylake.ingest.parse;

import java.util.List;
import org.citylake.model.EntityType;

/**
 * {@code Streetlight} → {@code clean.streetlight}. The lamp is the entity id; the observation time
 * is the first present of {@code dateObserved}, {@code observationDateTime}, {@code dateModified}.
 *
 * <table>
 *   <caption>Attributes read</caption>
 *   <tr><th>attribute</th><th>column</th><th>check</th></tr>
 *   <tr><td>powerState</td><td>power_state</td><td>on, off, low, bootingUp</td></tr>
 *   <tr><td>status</td><td>status</td><td>ok, defectiveLamp, columnIssue, brokenLantern</td></tr>
 *   <tr><td>illuminanceLevel (0..1)</td><td>illuminance_level</td><td>0..1</td></tr>
 *   <tr><td>powerConsumption (W)</td><td>power_w</td><td>≥ 0</td></tr>
 *   <tr><td>lifetimePowerConsumption (kWh)</td><td>energy_kwh</td><td>≥ 0</td></tr>
 *   <tr><td>refStreetlightControlCabinet</td><td>cabinet_id</td><td>text</td></tr>
 * </table>
 */
final class StreetlightExtractor implements EntityExtractor {

    static final StreetlightExtractor INSTANCE = new StreetlightExtractor();

    static final List<String> POWER_STATES = List.of("on", "off", "low", "bootingUp");
    static final List<String> STATUSES =
            List.of("ok", "defectiveLamp", "columnIssue", "brokenLantern");

    private static final ValidRange FRACTION = ValidRange.closed(0, 1, "");
    private static final ValidRange POWER = ValidRange.atLeast(0, "W");
    private static final ValidRange ENERGY = ValidRange.atLeast(0, "kWh");

    private StreetlightExtractor() {}

    @Override
    public ParsedReading extract(EntityReader in) {
        String lamp = in.entityId();
        in.aboutSensor(lamp);
        in.observedAt("dateObserved", "observationDateTime", "dateModified");
        return new ReadingValues(EntityType.STREETLIGHT, lamp)
                .put("power_state", in.oneOf("powerState", POWER_STATES))
                .put("status", in.oneOf("status", STATUSES))
                .put("illuminance_level", in.number("illuminanceLevel", FRACTION))
                .put("power_w", in.number("powerConsumption", POWER))
                .put("energy_kwh", in.number("lifetimePowerConsumption", ENERGY))
                .put("cabinet_id", in.text("refStreetlightControlCabinet"))
                .reading(in);
    }
}
