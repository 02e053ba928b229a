package dev.quern.coordinator.split;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Expands a job's input paths into the regular files to split.
 *
 * <p>A file is taken as is. A directory is walked recursively and contributes every regular file in
 * it, except hidden entries: a file or directory whose name starts with {@code '.'} or {@code '_'}
 * is skipped together with everything under it, as Hadoop's {@code FileInputFormat} does, so that
 * {@code _SUCCESS}, {@code _temporary/} and editor backups in an earlier job's output are not read
 * as input. A hidden path named explicitly as an input is used: the user asked for it.
 *
 * <p>The result is sorted by path string and has no duplicates (a file named both directly and
 * through its directory is read once), so the same inputs always give the same splits in the same
 * order. Symbolic links to regular files are followed; symbolic links to directories are not
 * descended into, which rules out cycles.
 */
public final class InputLister {

    private InputLister() {}

    /**
     * Lists the regular files under {@code inputs}, sorted by path string.
     *
     * @throws IllegalArgumentException if an input does not exist, or a file or directory to read is
     *     not readable; the message names the path
     * @throws IOException if a directory cannot be walked for another reason
     */
    public static List<Path> list(Collection<Path> inputs) throws IOException {
        requireNonNull(inputs, "inputs is null");
        TreeSet<Path> files = new TreeSet<>(Comparator.comparing(Path::toString));
        for (Path input : inputs) {
            requireNonNull(input, "an input path is null");
            Path absolute = input.toAbsolutePath().normalize();
            if (!Files.exists(absolute)) {
                throw new IllegalArgumentException("input path " + absolute + " does not exist");
            }
            if (Files.isDirectory(absolute)) {
                walk(absolute, files);
            } else {
                addFile(absolute, files);
            }
        }
        return List.copyOf(files);
    }

    /** {@link #list(Collection)} for the string paths of an {@code InputSpec}. */
    public static List<Path> listStrings(Collection<String> inputs) throws IOException {
        requireNonNull(inputs, "inputs is null");
        List<Path> paths = new ArrayList<>(inputs.size());
        for (String input : inputs) {
            requireNonNull(input, "an input path is null");
            paths.add(Path.of(input));
        }
        return list(paths);
    }

    static boolean isHidden(Path path) {
        Path name = path.getFileName();
        if (name == null) {
            return false; // the root directory
        }
        String s = name.toString();
        return s.startsWith(".") || s.startsWith("_");
    }

    private static void addFile(Path file, Collection<Path> files) {
        // Sockets, FIFOs and device files are not input; Files.isRegularFile follows symlinks.
        if (!Files.isRegularFile(file)) {
            return;
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("input file " + file + " is not readable");
        }
        files.add(file);
    }

    private static void walk(Path root, Collection<Path> files) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(root) && isHidden(dir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (!isHidden(file)) {
                    addFile(file, files);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (!file.equals(root) && isHidden(file)) {
                    return FileVisitResult.CONTINUE; // would have been skipped anyway
                }
                if (e instanceof AccessDeniedException) {
                    throw new IllegalArgumentException("input path " + file + " is not readable", e);
                }
                throw new IOException("cannot list input " + file + " under " + root + ": " + e, e);
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw new IOException("cannot list input directory " + dir + ": " + e, e);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
