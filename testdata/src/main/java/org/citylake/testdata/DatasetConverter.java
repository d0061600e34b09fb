package org.citylake.testdata;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.citylake.model.City;

/** Turns one real data set folder into the FIWARE feed and ref files of one city. */
interface DatasetConverter {

    /** The data set's folder name, the same under {@code test-data/} and the shared data. */
    String folder();

    /**
     * The city the data set belongs to, as {@link BundledCities} registers it: its zone is the one
     * the source's local times are read in.
     */
    City city();

    /**
     * Converts the data set.
     *
     * @param datasetDir the data set folder ({@code <source>/<folder()>})
     * @param outDir the output root; files go to {@code <outDir>/<city>/…}
     * @return the files written, feed files first
     */
    List<ConvertedFile> convert(Path datasetDir, Path outDir) throws IOException;
}
