package org.unrestwatch.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Cleans up the demo's and the embedded broker's temporary directories. */
final class TempDirs {
    private TempDirs() {
    }

    /** Deletes {@code dir} and everything below it; best effort, since it lives under a temp directory. */
    static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // already gone, or not ours to delete: nothing to do
        }
    }
}
