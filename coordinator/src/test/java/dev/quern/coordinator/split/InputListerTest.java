package dev.quern.coordinator.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputListerTest {

    @TempDir
    Path dir;

    @Test
    void directoriesExpandRecursivelyInPathStringOrder() throws IOException {
        touch("b");
        touch("a/z");
        touch("a/b/c");
        touch("a-b"); // '-' sorts before '/', so "a-b" comes before "a/..."
        touch("A");
        assertThat(names(InputLister.list(List.of(dir)))).containsExactly("A", "a-b", "a/b/c", "a/z", "b");
    }

    @Test
    void hiddenFilesAndDirectoriesAreSkipped() throws IOException {
        touch("part-0");
        touch("_SUCCESS");
        touch(".part-0.crc");
        touch("_temporary/attempt/part-1");
        touch(".git/config");
        touch("sub/.hidden");
        touch("sub/visible_with_underscore.txt");
        assertThat(names(InputLister.list(List.of(dir)))).containsExactly("part-0", "sub/visible_with_underscore.txt");
    }

    @Test
    void aHiddenPathNamedExplicitlyIsUsed() throws IOException {
        Path hidden = touch("_explicit");
        touch("_dir/inside");
        touch("_dir/.not-inside");
        assertThat(InputLister.list(List.of(hidden, dir.resolve("_dir"))))
                .containsExactly(dir.resolve("_dir/inside"), hidden);
    }

    @Test
    void filesAndDirectoriesMixSortedWithoutDuplicates() throws IOException {
        Path x = touch("d/x");
        Path y = touch("y");
        assertThat(InputLister.list(List.of(y, dir.resolve("d"), x))).containsExactly(x, y);
    }

    @Test
    void emptyDirectoryGivesNoFiles() throws IOException {
        Files.createDirectories(dir.resolve("empty/nested"));
        assertThat(InputLister.list(List.of(dir.resolve("empty")))).isEmpty();
        assertThat(InputLister.list(List.of())).isEmpty();
    }

    @Test
    void missingPathIsNamed() {
        Path missing = dir.resolve("nope/x");
        assertThatThrownBy(() -> InputLister.listStrings(List.of(dir.toString(), missing.toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("input path " + missing + " does not exist");
    }

    @Test
    void relativePathsBecomeAbsolute() throws IOException {
        Path file = touch("rel");
        Path relative = Path.of("").toAbsolutePath().relativize(file);
        assertThat(InputLister.list(List.of(relative))).containsExactly(file);
    }

    @Test
    void unreadableFileIsNamed() throws IOException {
        Path file = touch("d/secret");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "running as root: every file is readable");
        assertThatThrownBy(() -> InputLister.list(List.of(dir)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("input file " + file + " is not readable");
    }

    @Test
    void unreadableDirectoryIsNamed() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("locked"));
        touch("locked/f");
        Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("---------"));
        try {
            assumeFalse(Files.isReadable(sub), "running as root: every directory is readable");
            assertThatThrownBy(() -> InputLister.list(List.of(dir)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("input path " + sub + " is not readable");
        } finally {
            Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("rwx------")); // lets @TempDir clean up
        }
    }

    private Path touch(String relative) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.write(file, new byte[] {'x', '\n'});
    }

    private List<String> names(List<Path> files) {
        return files.stream().map(f -> dir.relativize(f).toString()).toList();
    }
}
