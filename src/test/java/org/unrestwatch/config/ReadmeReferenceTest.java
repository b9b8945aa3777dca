package org.unrestwatch.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's configuration reference must list every setting the loader accepts, with its default. */
class ReadmeReferenceTest {
    @Test
    void everySettingIsDocumented() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (Setting s : Setting.ALL) {
            String row = "| `" + s.key() + "` | " + (s.defaultValue().isEmpty() ? "(empty)" : "`" + s.defaultValue() + "`") + " |";
            assertTrue(readme.contains(row), "README lacks or misstates: " + row);
        }
    }
}
