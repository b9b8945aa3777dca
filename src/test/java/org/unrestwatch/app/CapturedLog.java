package org.unrestwatch.app;

import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Everything logged through Log4j while open, with stack traces, at INFO or finer for our code and
 * Kafka's (the shipped configuration keeps Kafka at ERROR; INFO adds the client configuration dumps,
 * which is what an operator setting KAFKA_LOG_LEVEL=INFO would see). Restores the levels on close.
 */
final class CapturedLog implements AutoCloseable {
    private static final List<String> LOGGERS = List.of("org.unrestwatch", "org.apache.kafka", "kafka");

    private final StringWriter text = new StringWriter();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final WriterAppender appender;
    private final Map<String, Level> previous = new LinkedHashMap<>();

    CapturedLog() {
        Configuration config = context.getConfiguration();
        appender = WriterAppender.newBuilder().setName("test-capture-" + System.nanoTime()).setTarget(text)
                .setLayout(PatternLayout.newBuilder().withPattern("%level %c - %msg%n%throwable").build()).build();
        appender.start();
        config.addAppender(appender);
        config.getRootLogger().addAppender(appender, Level.ALL, null);
        for (String name : LOGGERS) {
            LoggerConfig logger = config.getLoggerConfig(name);
            previous.put(name, logger.getLevel());
            logger.setLevel(Level.INFO);
        }
        context.updateLoggers();
    }

    String text() {
        return text.toString();
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        previous.forEach((name, level) -> config.getLoggerConfig(name).setLevel(level));
        config.getRootLogger().removeAppender(appender.getName());
        context.updateLoggers();
        appender.stop();
    }
}
