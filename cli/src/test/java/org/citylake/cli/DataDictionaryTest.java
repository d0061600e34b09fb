package org.citylake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types.NestedField;
import org.citylake.analytics.job.AnalyticsJob;
import org.citylake.analytics.job.AnalyticsJobs;
import org.citylake.lakehouse.tables.DataDictionary;
import org.citylake.lakehouse.tables.TableDef;
import org.citylake.lakehouse.tables.TableRegistry;
import org.citylake.model.feed.FeedCatalog;
import org.junit.jupiter.api.Test;

/**
 * The data dictionary: every column of every table (registry, feed descriptors, analytics jobs'
 * gold tables) is documented, every measurement with its unit, and docs/data-dictionary.md is the
 * text the code generates.
 */
class DataDictionaryTest {

    private static final Path COMMITTED = Path.of("..", "docs", "data-dictionary.md");

    /**
     * The tables of the product (the built-in feeds and those of the project's feeds/ folder, as
     * the launcher sees them), without those of the example jobs of the analytics tests.
     */
    static List<TableDef> productTables() {
        Set<String> testOnly =
                AnalyticsJobs.all().stream()
                        .filter(DataDictionaryTest::definedInTests)
                        .flatMap(job -> job.outputs().stream().map(TableDef::name))
                        .collect(Collectors.toSet());
        FeedCatalog feeds = FeedCatalog.load(List.of(Path.of("..", "feeds")));
        return TableRegistry.of(feeds).all().stream()
                .filter(def -> !testOnly.contains(def.name()))
                .toList();
    }

    private static boolean definedInTests(AnalyticsJob<?> job) {
        String where =
                job.getClass().getProtectionDomain().getCodeSource().getLocation().toString();
        return where.contains("test-classes") || where.endsWith("-tests.jar");
    }

    @Test
    void everyColumnHasAMeaningAndEveryMeasurementAUnit() {
        List<String> undocumented = new ArrayList<>();
        List<String> withoutUnit = new ArrayList<>();
        for (TableDef def : productTables()) {
            for (NestedField field : def.schema().columns()) {
                String doc = field.doc() == null ? "" : field.doc().strip();
                String where = def.name() + "." + field.name();
                if (doc.isEmpty() || doc.equalsIgnoreCase(field.name())) {
                    undocumented.add(where);
                } else if (namedInAUnit(field) && DataDictionary.unit(doc).isEmpty()) {
                    withoutUnit.add(where + ": " + doc);
                }
            }
        }
        assertThat(undocumented).as("columns without a comment").isEmpty();
        assertThat(withoutUnit)
                .as("measurements whose comment names no unit (\"<meaning>, <unit>\")")
                .isEmpty();
    }

    private static final java.util.regex.Pattern UNIT_SUFFIX =
            java.util.regex.Pattern.compile(
                    ".*_(m|km|km2|m2|s|kmh|ms|kwh|kw|w|kg|l|pct|h|hours|mm|c|hpa|deg|year)$");

    /**
     * A numeric column whose name carries a unit (length_m, energy_kwh, saving_pct) is a
     * measurement: its comment must say the unit the values are in.
     */
    private static boolean namedInAUnit(NestedField field) {
        Type.TypeID id = field.type().typeId();
        boolean numeric =
                id == Type.TypeID.DOUBLE
                        || id == Type.TypeID.FLOAT
                        || id == Type.TypeID.INTEGER
                        || id == Type.TypeID.LONG
                        || id == Type.TypeID.DECIMAL;
        return numeric && UNIT_SUFFIX.matcher(field.name()).matches();
    }

    @Test
    void everyTableHasADescription() {
        assertThat(productTables())
                .filteredOn(def -> def.description() == null || def.description().isBlank())
                .extracting(TableDef::name)
                .isEmpty();
    }

    @Test
    void theUnitIsWhatFollowsTheLastCommaBeforeTheNotes() {
        assertThat(DataDictionary.unit("PM2.5, µg/m³ (FIWARE AirQualityObserved.pm25)"))
                .contains("µg/m³");
        assertThat(DataDictionary.unit("relative humidity, 0..1 (a value above 1 is %) (x, y)"))
                .contains("0..1");
        assertThat(DataDictionary.unit("saving, %; null when the baseline is 0")).contains("%");
        assertThat(DataDictionary.unit("road class, e.g. MAJOR_ROAD")).isEmpty();
        assertThat(DataDictionary.unit("district id within the city")).isEmpty();
    }

    @Test
    void theCommittedDictionaryIsCurrent() throws IOException {
        String generated = DataDictionary.markdown(productTables());
        Files.writeString(Path.of("target", "data-dictionary.md"), generated);
        assertThat(COMMITTED).as("docs/data-dictionary.md").exists();
        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
                .as(
                        "docs/data-dictionary.md is not current; regenerate it from the"
                                + " repository root with: ./citylake describe --all --format"
                                + " markdown > docs/data-dictionary.md (or copy"
                                + " cli/target/data-dictionary.md, written by this test)")
                .isEqualTo(generated);
    }
}
