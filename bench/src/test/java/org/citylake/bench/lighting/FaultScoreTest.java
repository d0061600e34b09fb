package org.citylake.bench.lighting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.citylake.bench.lighting.FaultScore.Fault;
import org.citylake.bench.lighting.FaultScore.TypeScore;
import org.citylake.model.LightingFault;
import org.junit.jupiter.api.Test;

class FaultScoreTest {

    private static final LocalDate N1 = LocalDate.of(2024, 1, 1);
    private static final LocalDate N2 = LocalDate.of(2024, 1, 2);

    @Test
    void countsMatchesPerTypeOnEntityNightAndType() {
        List<Fault> truth =
                List.of(
                        new Fault("lamp-1", N1, LightingFault.DAY_BURNER),
                        new Fault("lamp-2", N1, LightingFault.DAY_BURNER),
                        new Fault("lamp-3", N2, LightingFault.DAY_BURNER),
                        new Fault("cab-1", N1, LightingFault.METER_RESET));
        List<Fault> detected =
                List.of(
                        new Fault("lamp-1", N1, LightingFault.DAY_BURNER), // right
                        new Fault("lamp-2", N2, LightingFault.DAY_BURNER), // wrong night
                        new Fault("lamp-3", N2, LightingFault.DARK_AT_NIGHT), // wrong type
                        new Fault("cab-1", N1, LightingFault.METER_RESET), // right
                        new Fault("cab-1", N1, LightingFault.METER_RESET)); // the same again
        Map<LightingFault, TypeScore> s = FaultScore.score(truth, detected);

        TypeScore burner = s.get(LightingFault.DAY_BURNER);
        assertEquals(1, burner.truePositives());
        assertEquals(1, burner.falsePositives());
        assertEquals(2, burner.falseNegatives());
        assertEquals(0.5, burner.precision(), 1e-12);
        assertEquals(1 / 3.0, burner.recall(), 1e-12);

        TypeScore dark = s.get(LightingFault.DARK_AT_NIGHT);
        assertEquals(0.0, dark.precision(), 1e-12);
        assertEquals(0.0, dark.recall(), 0.0, "nothing real to find, one false alarm");

        TypeScore reset = s.get(LightingFault.METER_RESET);
        assertEquals(1.0, reset.precision(), 1e-12);
        assertEquals(1.0, reset.recall(), 1e-12);

        TypeScore over = s.get(LightingFault.OVER_POWER);
        assertEquals(1.0, over.precision(), 1e-12, "nothing detected, nothing real");
        assertEquals(1.0, over.recall(), 1e-12);
        assertEquals(LightingFault.values().length, s.size());
    }
}
