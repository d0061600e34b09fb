package org.citylake.analytics.lighting;

import java.io.Serializable;
import java.time.Duration;

/**
 * The lighting job's knobs.
 *
 * @param interval the lamps' and cabinets' report interval: a report's power lasts until the next
 *     report, at most this long; a lighting day has {@code 24 h / interval} report slots
 * @param switchMargin photocells switch lamps a few minutes off sunset and sunrise: power drawn is
 *     a day burner only earlier than {@code sunset - margin} or from {@code sunrise + margin} on; a
 *     lamp is dark at night only from {@code sunset + margin} to {@code sunrise - margin}
 * @param overPowerTolerance a lamp draws too much above {@code tolerance x rated x dimming level}
 * @param meterTolerance a cabinet's meter and its lamps disagree when {@code |metered - lamps| /
 *     lamps} exceeds this share
 * @param reportShare a lamp misses reports when it sent fewer than this share of the lighting day's
 *     report slots
 * @param faultReadings fewest readings that must show a lamp fault (day burner, dark, over power)
 *     before it is reported: one odd reading is not a fault
 */
public record LightingSettings(
        Duration interval,
        Duration switchMargin,
        double overPowerTolerance,
        double meterTolerance,
        double reportShare,
        int faultReadings)
        implements Serializable {

    /** A meter interval counting more than this many times its lamps' rated power is a jump. */
    public static final double METER_JUMP_FACTOR = 3.0;

    public LightingSettings {
        if (interval.isNegative() || interval.isZero() || interval.toMinutes() > 60) {
            throw new IllegalArgumentException(
                    "report interval " + interval + ": give 1 to 60 minutes");
        }
        if (switchMargin.isNegative() || switchMargin.toMinutes() > 180) {
            throw new IllegalArgumentException(
                    "switch margin " + switchMargin + ": give 0 to 180 minutes");
        }
        if (!(overPowerTolerance > 1)) {
            throw new IllegalArgumentException(
                    "over-power tolerance "
                            + overPowerTolerance
                            + ": give a factor above 1, e.g. 1.3 (30 % above rated)");
        }
        if (!(meterTolerance > 0 && meterTolerance < 1)) {
            throw new IllegalArgumentException(
                    "meter tolerance " + meterTolerance + ": give a share in (0, 1), e.g. 0.04");
        }
        if (!(reportShare > 0 && reportShare <= 1)) {
            throw new IllegalArgumentException(
                    "report share " + reportShare + ": give a share in (0, 1], e.g. 0.5");
        }
        if (faultReadings < 1) {
            throw new IllegalArgumentException(
                    "fault readings " + faultReadings + ": need at least 1");
        }
    }

    /** 15 minutes, 30 minutes, 1.3, 4 %, 50 %, 2 readings. */
    public static LightingSettings defaults() {
        return new LightingSettings(
                Duration.ofMinutes(15), Duration.ofMinutes(30), 1.3, 0.04, 0.5, 2);
    }

    public LightingSettings withSwitchMargin(Duration margin) {
        return new LightingSettings(
                interval, margin, overPowerTolerance, meterTolerance, reportShare, faultReadings);
    }

    public LightingSettings withOverPowerTolerance(double tolerance) {
        return new LightingSettings(
                interval, switchMargin, tolerance, meterTolerance, reportShare, faultReadings);
    }

    public LightingSettings withMeterTolerance(double tolerance) {
        return new LightingSettings(
                interval, switchMargin, overPowerTolerance, tolerance, reportShare, faultReadings);
    }

    public LightingSettings withReportShare(double share) {
        return new LightingSettings(
                interval, switchMargin, overPowerTolerance, meterTolerance, share, faultReadings);
    }

    public LightingSettings withFaultReadings(int readings) {
        return new LightingSettings(
                interval, switchMargin, overPowerTolerance, meterTolerance, reportShare, readings);
    }

    long intervalMs() {
        return interval.toMillis();
    }
}
