package org.citylake.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.citylake.geo.osm.OsmStreetReader;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.testdata.ConvertedFile;
import org.citylake.testdata.waste.BinPlacement;
import org.citylake.testdata.waste.StreetNetwork;
import org.citylake.testdata.waste.WasteLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code citylake waste place}. */
@Command(
        name = "waste",
        description = "Waste collection: bins, vehicles, depots and disposal sites of a city.",
        mixinStandardHelpOptions = true,
        subcommands = {WasteCommand.Place.class, WasteNearest.class})
public final class WasteCommand {

    @Command(
            name = "place",
            description = {
                "Place a city's converted bins (<feeds>/<city>/ref/waste_containers.jsonl: each"
                        + " with its street and collection round, no position) on the named"
                        + " drivable streets of an OSM extract, and add the fleet. Writes",
                "  <feeds>/<city>/ref/waste_containers.jsonl  the bins with lon, lat,"
                        + " network_street, network_way_id",
                "  <feeds>/<city>/ref/waste_vehicles.jsonl    one truck per collection round:"
                        + " urn:ngsi-ld:Vehicle:<city>:<round>",
                "  <feeds>/<city>/ref/waste_depots.jsonl      depots (one per 25 trucks)",
                "  <feeds>/<city>/ref/disposal_sites.jsonl    disposal sites (one per 5 trucks),"
                        + " their categories and opening hours",
                "The sites of one source street go onto one network street, every 35 m on"
                        + " alternate sides (closer on a short street, never under 10 m), and the"
                        + " streets of one round onto a compact run of the network (along a"
                        + " Hilbert curve; --seed turns its start). Any city's extract works: the"
                        + " network need not be the city's own (the demo places Edinburgh's bins"
                        + " on Monaco's streets); lengths are measured in the extract's UTM zone.",
                "The files are written, not loaded: run `citylake ref load` next.",
                "Example: citylake waste place --city edinburgh --osm"
                        + " test-data/osm-monaco/monaco.osm.gz"
            },
            mixinStandardHelpOptions = true)
    static final class Place implements Callable<Integer> {
        @Mixin LakeArgs lakeArgs;

        @Mixin FeedsArgs feedsArgs;

        @Option(names = "--city", required = true, paramLabel = "CITY", description = "City id.")
        String city;

        @Option(
                names = "--osm",
                required = true,
                paramLabel = "FILE",
                description = "An OSM extract: .osm, .osm.gz or .osm.pbf.")
        Path osm;

        @Option(
                names = "--seed",
                defaultValue = "1",
                paramLabel = "S",
                description =
                        "Turns where along the network the rounds start (default"
                                + " ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() throws Exception {
            LakeConfig config = lakeArgs.load();
            Path feeds = feedsArgs.dir(config);
            var containers = WasteLayout.readContainers(feeds, city);
            var ways = OsmStreetReader.read(osm, "EPSG:3857");
            StreetNetwork network = StreetNetwork.of(ways.streets(), osm.toString());
            BinPlacement.Result result = BinPlacement.place(city, containers, network, seed);
            List<ConvertedFile> files = result.layout().write(feeds);
            System.out.printf(
                    "%s: %,d bins of %,d streets placed on %,d streets of %s (%,d drivable streets,"
                            + " %s)%s%n",
                    city,
                    containers.size(),
                    result.networkStreetOf().size(),
                    result.networkStreetOf().size(),
                    osm,
                    network.streets().size(),
                    network.crs(),
                    result.borrowed() == 0
                            ? ""
                            : "; " + result.borrowed() + " outside their round's area");
            for (ConvertedFile f : files) {
                System.out.printf("  %-22s %,7d rows  %s%n", f.table(), f.lines(), f.path());
            }
            System.out.println(
                    "Load them with: citylake ref load"
                            + (feedsArgs.given() ? " --feeds " + feedsArgs.feedsDir : ""));
            return 0;
        }
    }
}
