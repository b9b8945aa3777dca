package org.unrestwatch.streams;

import org.unrestwatch.config.DetectorConfig;

/** The detector's external topics, named in one place. Internal topics are named in {@link DetectorTopology}. */
public record Topics(String posts, String alerts, String deadLetter) {
    public static Topics from(DetectorConfig config) {
        return new Topics(config.get("topic.posts"), config.get("topic.alerts"), config.get("topic.dlq"));
    }
}
