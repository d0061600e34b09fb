package org.citylake.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.citylake.geo.District;
import org.citylake.geo.osm.OsmStreetReader;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.model.City;
import org.citylake.testdata.ConvertedFile;
import org.citylake.testdata.lighting.InventoryBuilder;
import org.citylake.testdata.lighting.InventorySettings;
import org.citylake.testdata.lighting.Lamp;
import org.citylake.testdata.lighting.LampInventory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code citylake lighting inventory}. */
@Command(
        name = "lighting",
        description = "Street lighting: the lamp inventory of a city, from its OSM street network.",
        mixinStandardHelpOptions = true,
        subcommands = LightingCommand.Inventory.class)
public final class LightingCommand {

    @Command(
            name = "inventory",
            description = {
                "Place street lamps along the lit ways of a city's OSM extract and group them into"
                        + " circuits and control cabinets. Writes",
                "  <feeds>/<city>/ref/lit_segments.jsonl          the lit ways: class, lit, lanes,"
                        + " width, length in the city's metric CRS, geometry",
                "  <feeds>/<city>/ref/streetlights.jsonl          the lamps:"
                        + " urn:ngsi-ld:Streetlight:<city>:<osm way>-<n>",
                "  <feeds>/<city>/ref/streetlight_cabinets.jsonl  the cabinets:"
                        + " urn:ngsi-ld:StreetlightControlCabinet:<city>:cab-NNNN",
                "A way is lit by its lit tag (lit=no or disused: never), else by its class: roads"
                        + " from residential up and pedestrian streets are, paths, footways and"
                        + " steps are not. Spacing by class: primary 45 m, secondary 40, tertiary"
                        + " 35, residential/living/service 30, pedestrian 25. LED 70 W or HPS"
                        + " 180 W per way (--led-share); circuits of at most 30 lamps, cabinets of"
                        + " at most 4 circuits, grouped by place. District ids come from the"
                        + " city's ref/districts.jsonl when it has one.",
                "The city must be registered (<feeds>/<city>/ref/cities.jsonl or ref.cities): its"
                        + " metric CRS measures the lengths. The files are written, not loaded:"
                        + " run `citylake ref load` (all-or-nothing per table and city) next.",
                "Example: citylake lighting inventory --city monaco --osm"
                        + " test-data/osm-monaco/monaco.osm.gz --seed 1"
            },
            mixinStandardHelpOptions = true)
    static final class Inventory implements Callable<Integer> {
        @Mixin LakeArgs lakeArgs;

        @Mixin FeedsArgs feedsArgs;

        @Option(names = "--city", required = true, paramLabel = "CITY", description = "City id.")
        String city;

        @Option(
                names = "--osm",
                required = true,
                paramLabel = "FILE",
                description = "The city's OSM extract: .osm, .osm.gz or .osm.pbf.")
        Path osm;

        @Option(
                names = "--seed",
                defaultValue = "1",
                paramLabel = "S",
                description = "Random seed of the technology mix (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(
                names = "--led-share",
                defaultValue = "0.6",
                paramLabel = "X",
                description =
                        "Chance that a way's lamps are LED, else HPS, 0..1 (default"
                                + " ${DEFAULT-VALUE}).")
        double ledShare;

        @Override
        public Integer call() throws Exception {
            LakeConfig config = lakeArgs.load();
            Path feeds = feedsArgs.dir(config);
            City registered = RegisteredCity.require(city, feeds, config);
            InventorySettings settings = new InventorySettings(seed, ledShare);
            var streets = OsmStreetReader.read(osm, registered.crs());
            List<District> districts = InventoryBuilder.districts(feeds, city);
            LampInventory inventory =
                    InventoryBuilder.build(registered, streets.streets(), settings, districts);
            List<ConvertedFile> files = inventory.write(feeds);
            System.out.printf(
                    "%s: %,d street ways read from %s (%s; %,d areas and %,d ways outside the"
                            + " extract left out)%n",
                    city,
                    streets.streets().size(),
                    osm,
                    registered.crs(),
                    streets.areas(),
                    streets.incompleteWays());
            System.out.printf(
                    "  %,d lit segments, %.2f km; %,d lamps (%s); %,d cabinets%s%n",
                    inventory.segments().size(),
                    inventory.litKm(),
                    inventory.lamps().size(),
                    technologies(inventory),
                    inventory.cabinets().size(),
                    districts.isEmpty() ? "" : "; " + districts.size() + " districts");
            for (ConvertedFile f : files) {
                System.out.printf("  %-26s %,7d rows  %s%n", f.table(), f.lines(), f.path());
            }
            System.out.println("Load them with: citylake ref load" + feedsOption());
            System.out.println(
                    "Then telemetry: citylake testdata generate --feed lighting --city "
                            + city
                            + feedsOption().replace("--feeds", "--out")
                            + " --from 2024-06-03 --nights 30");
            return 0;
        }

        private String feedsOption() {
            return feedsArgs.given() ? " --feeds " + feedsArgs.feedsDir : "";
        }

        private static String technologies(LampInventory inventory) {
            Map<String, Integer> byTech = new TreeMap<>();
            for (Lamp lamp : inventory.lamps()) {
                byTech.merge(lamp.technology().name(), 1, Integer::sum);
            }
            StringBuilder s = new StringBuilder();
            byTech.forEach(
                    (t, n) ->
                            s.append(s.length() == 0 ? "" : ", ").append(t).append(' ').append(n));
            return s.toString();
        }
    }
}
