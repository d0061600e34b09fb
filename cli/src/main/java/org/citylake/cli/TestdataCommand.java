package org.citylake.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.citylake.lakehouse.config.LakeConfig;
import org.citylake.testdata.ConvertedFile;
import org.citylake.testdata.FeedConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code citylake testdata convert}. */
@Command(
        name = "testdata",
        description = "Real public data sets turned into FIWARE feeds.",
        mixinStandardHelpOptions = true,
        subcommands = TestdataCommand.Convert.class)
public final class TestdataCommand {

    @Command(
            name = "convert",
            description = {
                "Convert the real data sets (Aarhus traffic and parking, Beijing PM2.5, Edinburgh"
                        + " bins) into FIWARE JSON-line feeds and ref data:"
                        + " <out>/<city>/<feed>.jsonl and <out>/<city>/ref/<table>.jsonl.",
                "--source defaults to the bundled slices in test-data/; point it at a folder with"
                        + " the full sets (same sub-folder names) to use them."
            },
            mixinStandardHelpOptions = true)
    static final class Convert implements Callable<Integer> {
        @Mixin LakeArgs lakeArgs;

        @Option(names = "--source", paramLabel = "DIR", description = "default: test-data/")
        Path source;

        @Option(names = "--out", paramLabel = "DIR", description = "default <data-dir>/feeds")
        Path out;

        @Override
        public Integer call() throws Exception {
            LakeConfig config = lakeArgs.load();
            List<ConvertedFile> files =
                    convert(source, out != null ? out : config.dataDir().resolve("feeds"));
            files.forEach(
                    f ->
                            System.out.printf(
                                    "%-10s %-22s %,9d lines  %s%n",
                                    f.city(), f.table(), f.lines(), f.path()));
            return 0;
        }
    }

    static List<ConvertedFile> convert(Path source, Path out) throws Exception {
        Path src = source != null ? source : Home.testData();
        return FeedConverter.convertAll(src, out);
    }
}
