package org.unrestwatch.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.unrestwatch.config.DetectorConfig;

/** The values the sensitivity table tries: each default moved by 25% in its own form. */
class SensitivityTest {
    private final DetectorConfig config = DetectorConfig.of(Path.of("config"), Map.of());

    @Test
    void eachKindOfSettingMovesInItsOwnForm() {
        assertEquals("6", Sensitivity.moved(config, "detect.open.score", 0.75));
        assertEquals("1.5", Sensitivity.moved(config, "detect.open.margin", 1.25));
        assertEquals("11", Sensitivity.moved(config, "detect.min.volume", 0.75), "whole numbers round");
        assertEquals("90m", Sensitivity.moved(config, "detect.cooldown", 0.75));
        assertEquals("45m", Sensitivity.moved(config, "detect.sustained.window", 0.75), "whole windows");
        assertEquals("0.99875", Sensitivity.moved(config, "detect.calibration.quantile", 1.25), "the tail share moves, not q");
        assertEquals("0.99925", Sensitivity.moved(config, "detect.calibration.quantile", 0.75));
    }

    @Test
    void everyKeyTheTableMovesIsASettingWithAValue() {
        for (String key : Sensitivity.KEYS) {
            config.get(key);
            Sensitivity.moved(config, key, 0.75);
            Sensitivity.moved(config, key, 1.25);
        }
    }
}
