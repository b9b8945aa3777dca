package org.unrestwatch.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/** Parses durations as operators write them: "500ms", "30s", "5m", "2h", "30d", or ISO-8601 "PT5M". */
public final class Durations {
    private Durations() {
    }

    public static Duration parse(String text) {
        String s = text.trim();
        if (s.startsWith("P") || s.startsWith("p")) {
            try {
                return Duration.parse(s);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a duration: '" + text + "'");
            }
        }
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 30s, 5m, 2h, 1d)");
        }
        double amount = Double.parseDouble(s.substring(0, i));
        String unit = s.substring(i).trim();
        long ms = switch (unit) {
            case "ms" -> Math.round(amount);
            case "s" -> Math.round(amount * 1_000);
            case "m", "min" -> Math.round(amount * 60_000);
            case "h" -> Math.round(amount * 3_600_000);
            case "d" -> Math.round(amount * 86_400_000);
            default -> throw new IllegalArgumentException("unknown unit '" + unit + "' in '" + text + "' (use ms, s, m, h or d)");
        };
        return Duration.ofMillis(ms);
    }

    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
