package dev.quern.executor.spill;

import java.nio.file.Path;

/** A complete map output (or spill): its data file and its index. */
public record MapOutput(Path data, Path indexPath, IndexFile index) {

    public static Path dataPath(Path dir, String name) {
        return dir.resolve(name + ".data");
    }

    public static Path indexPath(Path dir, String name) {
        return dir.resolve(name + ".index");
    }
}
