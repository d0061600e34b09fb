package org.citylake.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.citylake.lakehouse.Lake;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.ref.RefLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code citylake ref load}. */
@Command(
        name = "ref",
        description =
                "Reference data: the road segments, stations, lots and bins readings refer to.",
        mixinStandardHelpOptions = true,
        subcommands = RefCommand.Load.class)
public final class RefCommand {

    @Command(
            name = "load",
            description = {
                "Load <feeds>/<city>/ref/<table>.jsonl into the ref tables, replacing each "
                        + "city's rows atomically.",
                "<feeds>/<city>/ref/cities.jsonl registers the city in ref.cities (its time zone,"
                        + " centroid, CRS and policies; see `citylake city add --help`)."
            },
            mixinStandardHelpOptions = true)
    static final class Load implements Callable<Integer> {
        @Mixin LakeArgs lakeArgs;

        @Mixin FeedsArgs feedsArgs;

        @Override
        public Integer call() throws Exception {
            LakeConfig config = lakeArgs.load();
            try (Lake lake = Lake.open(config)) {
                lake.init();
                Map<String, Integer> loaded =
                        RefLoader.loadAll(
                                lake,
                                feedsArgs.dir(config),
                                note -> System.err.println("note: " + note));
                loaded.forEach((t, n) -> System.out.printf("%-40s %,8d rows%n", t, n));
            }
            return 0;
        }
    }
}
