package org.citylake.testdata.lighting;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * What the street-lighting telemetry generator writes.
 *
 * @param start the first report (every lamp and cabinet reports at start + k × step)
 * @param end reports stop before it; the energy is integrated up to it
 * @param step between two reports of one lamp or cabinet
 * @param seed every random choice follows from it (photocell offsets, initial meter readings,
 *     faults)
 * @param lampFaultRate the chance of each lamp fault type per lamp and lighting day (a lamp has at
 *     most one fault a day, so at most 0.25)
 * @param cabinetFaultRate the chance of each cabinet fault type per cabinet and lighting day (at
 *     most 0.5)
 * @param cabinetReports whether cabinets report (their meters) too
 * @param photocellOffsetMax each cabinet's photocell switches up to this much after sunset (and as
 *     much before sunrise) or before it (and after sunrise), drawn per cabinet; default 10 minutes
 */
public record TelemetrySettings(
        Instant start,
        Instant end,
        Duration step,
        long seed,
        double lampFaultRate,
        double cabinetFaultRate,
        boolean cabinetReports,
        Duration photocellOffsetMax) {

    public static final Duration DEFAULT_PHOTOCELL_OFFSET_MAX = Duration.ofMinutes(10);

    public static final Duration DEFAULT_STEP = Duration.ofMinutes(15);

    /** Per lamp fault type and lamp-night: 0.5 % (≈ 280 of each type in Monaco's 30 nights). */
    public static final double DEFAULT_LAMP_FAULT_RATE = 0.005;

    /** Per cabinet fault type and cabinet-night: 3 % (≈ 14 of each in Monaco's 30 nights). */
    public static final double DEFAULT_CABINET_FAULT_RATE = 0.03;

    public TelemetrySettings {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("the window ends (" + end + ") before it starts");
        }
        if (step.isNegative() || step.isZero() || step.toSeconds() * 1000 != step.toMillis()) {
            throw new IllegalArgumentException("the step must be whole seconds, got " + step);
        }
        if (photocellOffsetMax.isNegative()) {
            throw new IllegalArgumentException("the photocell offset must not be negative");
        }
        if (!(lampFaultRate >= 0 && lampFaultRate <= 0.25)) {
            throw new IllegalArgumentException(
                    "the lamp fault rate is per fault type and must be within 0..0.25, got "
                            + lampFaultRate);
        }
        if (!(cabinetFaultRate >= 0 && cabinetFaultRate <= 0.5)) {
            throw new IllegalArgumentException(
                    "the cabinet fault rate is per fault type and must be within 0..0.5, got "
                            + cabinetFaultRate);
        }
    }

    /**
     * {@code nights} whole lighting days from local noon on {@code from} to local noon on {@code
     * from + nights}, every 15 minutes, with lamps and cabinets reporting.
     */
    public static TelemetrySettings nights(
            LocalDate from,
            int nights,
            ZoneId zone,
            long seed,
            double lampFaultRate,
            double cabinetFaultRate) {
        if (nights < 1) {
            throw new IllegalArgumentException("nights must be at least 1, got " + nights);
        }
        return new TelemetrySettings(
                from.atTime(12, 0).atZone(zone).toInstant(),
                from.plusDays(nights).atTime(12, 0).atZone(zone).toInstant(),
                DEFAULT_STEP,
                seed,
                lampFaultRate,
                cabinetFaultRate,
                true,
                DEFAULT_PHOTOCELL_OFFSET_MAX);
    }

    /** The same window with no faults. */
    public TelemetrySettings withoutFaults() {
        return new TelemetrySettings(
                start, end, step, seed, 0, 0, cabinetReports, photocellOffsetMax);
    }
}
