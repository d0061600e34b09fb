package org.citylake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysts' guide's SQL for the embedded lake ({@code ```sql embedded} blocks of {@code
 * docs/analysts-guide.md}) runs in {@code citylake sql} on a lake of the current tables: every
 * column it names exists and Flink SQL accepts it, so a renamed column cannot leave the guide
 * behind. Its answers are checked on the stack, through Trino ({@code StackE2EIT}).
 */
class AnalystsGuideEmbeddedIT {

    static final Path GUIDE = Path.of("..", "docs", "analysts-guide.md");

    private static final Pattern EMBEDDED =
            Pattern.compile("^```sql embedded\\n(.*?)^```$", Pattern.MULTILINE | Pattern.DOTALL);
    private static final Pattern ALIAS = Pattern.compile("\\bAS `?(\\w+)`?[,\\s]");

    @TempDir Path dir;

    @Test
    void everyEmbeddedQueryOfTheGuideRunsOnTheLakesTables() throws Exception {
        List<String> queries = new ArrayList<>();
        Matcher m = EMBEDDED.matcher(Files.readString(GUIDE, StandardCharsets.UTF_8));
        while (m.find()) {
            queries.add(m.group(1).strip());
        }
        assertThat(queries).hasSize(5);

        CliLake lake = new CliLake(dir);
        lake.cli("lakehouse", "init");
        for (String query : queries) {
            CliLake.Output out = lake.run("sql", query);
            assertThat(out.exit()).as(query + "\n" + out.err()).isZero();
            String header = out.out().lines().findFirst().orElse("");
            // the select list: up to the FROM that starts a line (EXTRACT(YEAR FROM ...) is inside
            // it)
            Matcher alias = ALIAS.matcher(query.substring(0, query.indexOf("\nFROM ")));
            while (alias.find()) {
                assertThat(header).as(query).contains(alias.group(1));
            }
            assertThat(out.out()).as(query).contains("(0 rows)");
        }
    }
}
