package org.citylake.model.feed;

import java.util.Map;

/**
 * Symbols of the UN/CEFACT common codes the bundled descriptors use, for details and listings. A
 * code not listed is shown as itself.
 */
public final class Units {

    private static final Map<String, String> SYMBOLS =
            Map.ofEntries(
                    Map.entry("C62", ""),
                    Map.entry("P1", "%"),
                    Map.entry("KMH", "km/h"),
                    Map.entry("MTS", "m/s"),
                    Map.entry("SEC", "s"),
                    Map.entry("MIN", "min"),
                    Map.entry("HUR", "h"),
                    Map.entry("GQ", "µg/m³"),
                    Map.entry("GP", "mg/m³"),
                    Map.entry("M1", "mg/l"),
                    Map.entry("CEL", "°C"),
                    Map.entry("FAH", "°F"),
                    Map.entry("A97", "hPa"),
                    Map.entry("PAL", "Pa"),
                    Map.entry("DD", "°"),
                    Map.entry("MMT", "mm"),
                    Map.entry("MTR", "m"),
                    Map.entry("KGM", "kg"),
                    Map.entry("LTR", "l"),
                    Map.entry("MTQ", "m³"),
                    Map.entry("G51", "l/s"),
                    Map.entry("MQH", "m³/h"),
                    Map.entry("WTT", "W"),
                    Map.entry("KWT", "kW"),
                    Map.entry("KWH", "kWh"),
                    Map.entry("2N", "dB"),
                    Map.entry("H61", "mS/cm"),
                    Map.entry("D10", "S/m"),
                    Map.entry("2Z", "mV"),
                    Map.entry("NTU", "NTU"));

    private Units() {}

    public static String symbol(String code) {
        return SYMBOLS.getOrDefault(code, code);
    }
}
