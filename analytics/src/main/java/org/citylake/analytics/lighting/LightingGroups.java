package org.citylake.analytics.lighting;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.OutputTag;
import org.citylake.analytics.job.GroupAtEnd;

/**
 * The lighting job's keyed groups ({@link GroupAtEnd}): each gathers one key's elements and hands
 * them to the pure core. Faults go to the side output {@link #FAULTS}.
 */
final class LightingGroups {

    static final OutputTag<FaultRow> FAULTS =
            new OutputTag<>("lighting-faults", Types.POJO(FaultRow.class));

    private LightingGroups() {}

    /** An element of the cabinet stage: a meter reading or one of its lamps' nights. */
    public static final class CabinetInput {
        public String cabinetId;
        public CabinetReading reading;
        public LampNight lampNight;

        public CabinetInput() {}

        static CabinetInput of(CabinetReading r) {
            CabinetInput in = new CabinetInput();
            in.cabinetId = r.cabinetId;
            in.reading = r;
            return in;
        }

        static CabinetInput of(LampNight n) {
            CabinetInput in = new CabinetInput();
            in.cabinetId = n.cabinetId;
            in.lampNight = n;
            return in;
        }
    }

    /** An element of the night stage: a lamp night or a cabinet night. */
    public static final class NightInput {
        public int night;
        public LampNight lampNight;
        public CabinetNight cabinetNight;

        public NightInput() {}

        static NightInput of(LampNight n) {
            NightInput in = new NightInput();
            in.night = n.night;
            in.lampNight = n.withoutSlots();
            return in;
        }

        static NightInput of(CabinetNight c) {
            NightInput in = new NightInput();
            in.night = c.night;
            in.cabinetNight = c;
            return in;
        }
    }

    /** Per lamp: its nights (main) and lamp faults (side), {@link LampNights}. */
    static final class LampSeries implements GroupAtEnd.Group<String, LampReading, LampNight> {
        private final LightingNetwork network;
        private final List<LocalDate> nights;
        private final ZoneId zone;
        private final LightingSettings settings;

        LampSeries(
                LightingNetwork network,
                List<LocalDate> nights,
                ZoneId zone,
                LightingSettings settings) {
            this.network = network;
            this.nights = List.copyOf(nights);
            this.zone = zone;
            this.settings = settings;
        }

        @Override
        public void apply(
                String lampId, List<LampReading> readings, GroupAtEnd.Emitter<LampNight> out) {
            LightingNetwork.Lamp lamp = network.lamps().get(lampId);
            if (lamp == null) {
                return; // not in the inventory: no rated power, no position
            }
            LampNights.Result result = LampNights.of(lamp, readings, nights, zone, settings);
            result.nights().forEach(out::collect);
            result.faults().forEach(f -> out.output(FAULTS, f));
        }
    }

    /** Per cabinet: its nights (main) and meter faults (side), {@link CabinetNights}. */
    static final class CabinetSeries
            implements GroupAtEnd.Group<String, CabinetInput, CabinetNight> {
        private final Map<String, Double> ratedByCabinet;
        private final List<LocalDate> nights;
        private final ZoneId zone;
        private final LightingSettings settings;

        CabinetSeries(
                Map<String, Double> ratedByCabinet,
                List<LocalDate> nights,
                ZoneId zone,
                LightingSettings settings) {
            this.ratedByCabinet = Map.copyOf(ratedByCabinet);
            this.nights = List.copyOf(nights);
            this.zone = zone;
            this.settings = settings;
        }

        @Override
        public void apply(
                String cabinetId,
                List<CabinetInput> elements,
                GroupAtEnd.Emitter<CabinetNight> out) {
            List<CabinetReading> readings = new ArrayList<>();
            List<LampNight> lamps = new ArrayList<>();
            for (CabinetInput in : elements) {
                if (in.reading != null) {
                    readings.add(in.reading);
                } else if (in.lampNight != null) {
                    lamps.add(in.lampNight);
                }
            }
            CabinetNights.Result result =
                    CabinetNights.of(
                            cabinetId,
                            readings,
                            lamps,
                            ratedByCabinet.getOrDefault(cabinetId, 0.0),
                            new HashSet<>(nights),
                            zone,
                            settings);
            result.nights().forEach(out::collect);
            result.faults().forEach(f -> out.output(FAULTS, f));
        }
    }

    /** Per night: energy rows of every scope (main), missing-report faults (side). */
    static final class NightSeries implements GroupAtEnd.Group<Integer, NightInput, EnergyRow> {
        private final LightingNetwork network;
        private final Map<String, NightRollup.LampShare> shares;
        private final String city;
        private final LightingSettings settings;

        NightSeries(LightingNetwork network, String city, LightingSettings settings) {
            this.network = network;
            this.shares = Map.copyOf(NightRollup.shares(network));
            this.city = city;
            this.settings = settings;
        }

        @Override
        public void apply(
                Integer night, List<NightInput> elements, GroupAtEnd.Emitter<EnergyRow> out) {
            List<LampNight> lamps = new ArrayList<>();
            List<CabinetNight> cabinets = new ArrayList<>();
            for (NightInput in : elements) {
                if (in.lampNight != null) {
                    lamps.add(in.lampNight);
                } else if (in.cabinetNight != null) {
                    cabinets.add(in.cabinetNight);
                }
            }
            NightRollup.Result result =
                    NightRollup.of(night, lamps, cabinets, network, shares, city, settings);
            result.energy().forEach(out::collect);
            result.faults().forEach(f -> out.output(FAULTS, f));
        }
    }

    /** The period's indicator from the city and road-class energy rows, {@link Indicator}. */
    static final class IndicatorGroup implements GroupAtEnd.Group<String, EnergyRow, IndicatorRow> {
        @Override
        public void apply(String city, List<EnergyRow> rows, GroupAtEnd.Emitter<IndicatorRow> out) {
            Indicator.of(rows).forEach(out::collect);
        }
    }
}
