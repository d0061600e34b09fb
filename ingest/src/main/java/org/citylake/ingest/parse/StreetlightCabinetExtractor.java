package org.citylake.ingest.parse;

import java.util.List;
import org.citylake.model.EntityType;

/**
 * {@code StreetlightControlCabinet} → {@code clean.streetlight_cabinet}. The cabinet is the entity
 * id; the observation time is the first present of {@code dateObserved}, {@code
 * observationDateTime}, {@code dateModified} (the FIWARE example has none of them, so it is refused
 * as MISSING_FIELD).
 *
 * <table>
 *   <caption>Attributes read</caption>
 *   <tr><th>attribute</th><th>column</th><th>check</th></tr>
 *   <tr><td>energyConsumed (kWh)</td><td>energy_kwh</td><td>≥ 0</td></tr>
 *   <tr><td>lastMeterReading (kWh)</td><td>last_meter_reading_kwh</td><td>≥ 0</td></tr>
 *   <tr><td>totalActivePower (kW)</td><td>total_active_power_kw</td><td>≥ 0</td></tr>
 *   <tr><td>workingMode</td><td>working_mode</td><td>automatic, manual, semiautomatic</td></tr>
 * </table>
 */
final class StreetlightCabinetExtractor implements EntityExtractor {

    static final StreetlightCabinetExtractor INSTANCE = new StreetlightCabinetExtractor();

    static final List<String> WORKING_MODES = List.of("automatic", "manual", "semiautomatic");

    private static final ValidRange ENERGY = ValidRange.atLeast(0, "kWh");
    private static final ValidRange POWER = ValidRange.atLeast(0, "kW");

    private StreetlightCabinetExtractor() {}

    @Override
    public ParsedReading extract(EntityReader in) {
        String cabinet = in.entityId();
        in.aboutSensor(cabinet);
        in.observedAt("dateObserved", "observationDateTime", "dateModified");
        return new ReadingValues(EntityType.STREETLIGHT_CONTROL_CABINET, cabinet)
                .put("energy_kwh", in.number("energyConsumed", ENERGY))
                .put("last_meter_reading_kwh", in.number("lastMeterReading", ENERGY))
                .put("total_active_power_kw", in.number("totalActivePower", POWER))
                .put("working_mode", in.oneOf("workingMode", WORKING_MODES))
                .reading(in);
    }
}
