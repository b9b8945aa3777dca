package org.unrestwatch.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The configuration reference (docs/configuration.md, linked from the README) lists every setting the loader accepts, with its default. */
class ReadmeReferenceTest {
    @Test
    void everySettingIsDocumented() throws Exception {
        String readme = Files.readString(Path.of("docs/configuration.md"));
        assertTrue(Files.readString(Path.of("README.md")).contains("(docs/configuration.md)"), "the README links to it");
        for (Setting s : Setting.ALL) {
            String row = "| `" + s.key() + "` | " + (s.defaultValue().isEmpty() ? "(empty)" : "`" + s.defaultValue() + "`") + " |";
            assertTrue(readme.contains(row), "docs/configuration.md lacks or misstates: " + row);
        }
    }
}
