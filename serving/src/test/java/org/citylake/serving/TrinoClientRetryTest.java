package org.citylake.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A statement Trino could not yet place on a node is sent again; nothing else is. */
class TrinoClientRetryTest {

    private static final Duration PAUSE = Duration.ofMillis(10);

    private static SQLException noNodes() {
        // the message Trino's JDBC driver gives for NO_NODES_AVAILABLE
        return new SQLException(
                "Query failed (#20261207_161706_00002_hemz4): No nodes available to run query");
    }

    @Test
    void aQueryFailingForWantOfNodesIsSentAgainUntilItRuns() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        String result =
                TrinoClient.retryingWhileNoNodes(
                        () -> {
                            if (calls.incrementAndGet() < 3) {
                                throw noNodes();
                            }
                            return "42";
                        },
                        Duration.ofSeconds(5),
                        PAUSE);
        assertThat(result).isEqualTo("42");
        assertThat(calls).hasValue(3);
    }

    @Test
    void anyOtherFailureIsThrownAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        SQLException missing =
                new SQLException(
                        "Query failed: line 1:15: Table 'iceberg.clean.nope' does not exist");
        assertThatThrownBy(() -> alwaysFailing(missing, calls, Duration.ofSeconds(5)))
                .hasMessageContaining("does not exist");
        assertThat(calls).hasValue(1);
    }

    @Test
    void noNodesForLongerThanThePatienceIsThrown() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> alwaysFailing(noNodes(), calls, Duration.ofMillis(100)))
                .hasMessageContaining("No nodes available");
        assertThat(calls.get()).isBetween(2, 11);
    }

    /** Retries a call that fails with {@code failure} every time, counting the calls. */
    private static String alwaysFailing(
            SQLException failure, AtomicInteger calls, Duration patience) throws SQLException {
        return TrinoClient.retryingWhileNoNodes(
                () -> {
                    calls.incrementAndGet();
                    throw failure;
                },
                patience,
                PAUSE);
    }
}
