package org.citylake.serving.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebUsersTest {

    @TempDir Path dir;

    @Test
    void generatesEachUsersPasswordOnceAndKeepsOnlyItsHash() throws Exception {
        WebUsers.Loaded first = WebUsers.loadOrCreate(dir);
        assertThat(first.generated()).containsOnlyKeys("admin", "analyst", "planner");
        assertThat(first.file()).isEqualTo(dir.resolve("serve/users.properties"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.file())))
                .isEqualTo("rw-------");
        String stored = Files.readString(first.file());
        first.generated().values().forEach(p -> assertThat(stored).doesNotContain(p));

        WebUsers.Loaded second = WebUsers.loadOrCreate(dir);
        assertThat(second.generated()).isEmpty();
        String planner = first.generated().get("planner");
        assertThat(second.users().authenticate("planner", planner))
                .hasValue(new WebUsers.WebUser("planner", java.util.List.of("planner")));
        assertThat(second.users().authenticate("admin", planner)).isEmpty();
        assertThat(second.users().authenticate("nobody", planner)).isEmpty();
        assertThat(second.users().authenticate("planner", "")).isEmpty();
        assertThat(second.users().authenticate(null, planner)).isEmpty();
    }

    @Test
    void aUserRemovedFromTheFileGetsANewPasswordOthersKeepTheirs() throws Exception {
        WebUsers.Loaded first = WebUsers.loadOrCreate(dir);
        Path file = first.file();
        Files.writeString(
                file,
                String.join(
                        "\n",
                        Files.readAllLines(file).stream()
                                .filter(l -> !l.startsWith("analyst="))
                                .toList()));
        WebUsers.Loaded second = WebUsers.loadOrCreate(dir);
        assertThat(second.generated()).containsOnlyKeys("analyst");
        assertThat(second.users().authenticate("admin", first.generated().get("admin")))
                .isPresent();
        assertThat(second.users().authenticate("analyst", second.generated().get("analyst")))
                .isPresent();
    }

    @Test
    void theStacksPasswordsAreTheSameUsers() {
        WebUsers users =
                WebUsers.ofPasswords(Map.of("admin", "a-1", "analyst", "b-2", "planner", "c-3"));
        assertThat(users.authenticate("analyst", "b-2")).isPresent();
        assertThat(users.authenticate("analyst", "c-3")).isEmpty();
        assertThatThrownBy(() -> WebUsers.ofPasswords(Map.of("admin", "a-1")))
                .hasMessage("no password for user analyst: run `citylake stack up` first");
    }
}
