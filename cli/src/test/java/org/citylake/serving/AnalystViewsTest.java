package org.citylake.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.citylake.analytics.job.AnalyticsJobs;
import org.citylake.lakehouse.tables.TableDef;
import org.citylake.lakehouse.tables.TableRegistry;
import org.junit.jupiter.api.Test;

/**
 * The saved views against the table registry with every module's gold tables (the analytics jobs
 * join it through their {@code TableSet}, on this module's class path).
 */
class AnalystViewsTest {

    private static final Pattern READS =
            Pattern.compile("\\b(?:FROM|JOIN)\\s+((?:clean|gold|ref)\\.[a-z0-9_]+)");

    @Test
    void everyGoldTableOfTheRegistryHasAViewThatReadsIt() {
        // the gold tables of the analytics jobs; on this class path they include the table of the
        // analytics module's example job for its tests (ReadingsPerDayJob), which has no view
        Set<String> gold = new TreeSet<>();
        for (TableDef def : new AnalyticsJobs.Tables().tables()) {
            gold.add(def.name());
        }
        assertThat(gold.remove("gold.example_readings_per_day")).isTrue();
        // the registry has the gold tables of the five analytics jobs and the street profile
        assertThat(gold).hasSize(19).contains("gold.street_profile", "gold.air_alerts");
        Set<String> read = new TreeSet<>();
        for (String sql : AnalystViews.VIEWS.values()) {
            Matcher m = READS.matcher(sql);
            while (m.find()) {
                read.add(m.group(1));
            }
        }
        assertThat(read).containsAll(gold);
        // and every table a view reads exists
        Set<String> all = new TreeSet<>();
        TableRegistry.get().all().forEach(t -> all.add(t.name()));
        assertThat(all).containsAll(read);
    }

    @Test
    void everyViewHasACommentThatSaysWhatItReads() {
        assertThat(AnalystViews.COMMENTS.keySet())
                .containsExactlyElementsOf(AnalystViews.VIEWS.keySet());
        assertThat(AnalystViews.VIEWS).hasSize(25);
        AnalystViews.VIEWS.forEach(
                (name, sql) -> {
                    String comment = AnalystViews.COMMENTS.get(name);
                    assertThat(comment).as(name).hasSizeGreaterThan(60);
                    Matcher m = READS.matcher(sql);
                    assertThat(m.find()).as(name).isTrue();
                    // the comment names the first table the view reads, so an analyst knows
                    // where the figures come from
                    assertThat(comment).as(name).contains(m.group(1));
                    assertThat(name).matches("(clean|gold)\\.v_[a-z0-9_]+");
                });
    }

    @Test
    void theStatementCarriesTheCommentAsATrinoStringLiteral() {
        String statement = AnalystViews.createStatement("gold.v_parking_busiest");
        assertThat(statement)
                .startsWith(
                        "CREATE OR REPLACE VIEW gold.v_parking_busiest COMMENT 'The busiest"
                                + " garages of the latest period per city")
                .contains("' AS SELECT b.city, b.period_from");
        for (String name : AnalystViews.VIEWS.keySet()) {
            String s = AnalystViews.createStatement(name);
            String literal = s.substring(s.indexOf(" COMMENT '") + 10, s.indexOf("' AS SELECT "));
            // inside the literal every quote is doubled
            assertThat(literal.replace("''", "")).as(name).doesNotContain("'");
        }
        assertThatThrownBy(() -> AnalystViews.createStatement("gold.v_nothing"))
                .hasMessage("no analyst view gold.v_nothing");
    }
}
