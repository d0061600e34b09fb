package org.citylake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlTextTest {

    @Test
    void statementsSplitAtSemicolonsOutsideQuotesAndComments() {
        String script =
                "SELECT 'a;b' AS s; -- one; two\n"
                        + "SELECT `x;y` FROM clean.t /* ; */ WHERE c = 'it''s;';\n"
                        + "  ;  -- only a comment;\n"
                        + "SELECT \"q;\" FROM gold.g";
        assertThat(SqlText.statements(script))
                .containsExactly(
                        "SELECT 'a;b' AS s",
                        "-- one; two\nSELECT `x;y` FROM clean.t /* ; */ WHERE c = 'it''s;'",
                        "-- only a comment;\nSELECT \"q;\" FROM gold.g");
        assertThat(SqlText.statements("-- nothing\n /* at all; */ ;")).isEmpty();
    }

    @Test
    void aStatementIsCompleteAtASemicolonOutsideQuotesAndComments() {
        assertThat(SqlText.complete("SELECT 1;")).isTrue();
        assertThat(SqlText.complete("SELECT 1;  -- done\n")).isTrue();
        assertThat(SqlText.complete("SELECT 1")).isFalse();
        assertThat(SqlText.complete("SELECT 'a;")).isFalse();
        assertThat(SqlText.complete("SELECT 1 /* ;")).isFalse();
        assertThat(SqlText.complete("SELECT 'a;'\n FROM t;")).isTrue();
    }

    @Test
    void namesCallsAndQuotes() {
        String sql =
                "SELECT s.id, ST_Length(s.geometry_wkt) FROM `ref`.road_segments s"
                        + " JOIN citylake.clean.traffic_flow f ON f.segment_id = s.id"
                        + " WHERE 'gold.x' <> \"Gold\".Y";
        assertThat(SqlText.qualifiedNames(sql))
                .contains("ref.road_segments", "clean.traffic_flow", "gold.y", "s.id")
                .doesNotContain("gold.x");
        assertThat(SqlText.tablesAfterFromOrJoin(sql))
                .containsExactly("ref.road_segments", "citylake.clean.traffic_flow");
        assertThat(SqlText.tablesAfterFromOrJoin("SELECT * FROM read_parquet('x') JOIN t"))
                .containsExactly("t");
        assertThat(SqlText.functionsCalled(sql)).containsExactly("st_length");
        assertThat(SqlText.backticksToDoubleQuotes("SELECT `order`, '`k`' FROM `ref`.`a\"b`"))
                .isEqualTo("SELECT \"order\", '`k`' FROM \"ref\".\"a\"\"b\"");
    }

    @Test
    void theReservedWordBeforeOrAtASyntaxError() {
        String sql = "SELECT order FROM clean.traffic_flow";
        // DuckDB points at FROM, the word after the reserved one
        assertThat(SqlErrors.reservedHint(sql, sql.indexOf("FROM"), SqlErrors.DUCKDB_RESERVED))
                .startsWith("ORDER is a reserved word; quote it with backticks, `order`");
        assertThat(
                        SqlErrors.reservedHint(
                                "SELECT a FROM t WHERE b = = 1",
                                "SELECT a FROM t WHERE b = ".length() + 1,
                                SqlErrors.DUCKDB_RESERVED))
                .isNull();
        assertThat(List.of(SqlErrors.DUCKDB_RESERVED.contains("hour"))).containsExactly(false);
    }
}
