package org.citylake.lakehouse.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {

    @TempDir Path dir;

    @Test
    void deletesTheRootAndEverythingUnderIt() throws Exception {
        Path root = dir.resolve("root");
        Files.createDirectories(root.resolve("a/b/c"));
        Files.writeString(root.resolve("top.txt"), "x");
        Files.writeString(root.resolve("a/b/c/deep.txt"), "y");
        Files.createDirectories(root.resolve("empty"));

        FileTrees.delete(root);

        assertThat(root).doesNotExist();
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aMissingRootIsNothingToDo() throws Exception {
        FileTrees.delete(dir.resolve("missing"));
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void deletesLinksButNotWhatTheyPointTo() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("keep.txt"), "kept");
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.createSymbolicLink(root.resolve("link-to-outside"), outside);
        Path rootLink = Files.createSymbolicLink(dir.resolve("root-link"), outside);

        FileTrees.delete(root);
        FileTrees.delete(rootLink);

        assertThat(root).doesNotExist();
        assertThat(rootLink).doesNotExist();
        assertThat(outside.resolve("keep.txt")).hasContent("kept");
    }
}
