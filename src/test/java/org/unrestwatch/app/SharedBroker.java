package org.unrestwatch.app;

import java.nio.file.Path;

/** One real KRaft broker for all tests in this JVM (about 4 s to start), stopped when the JVM exits. */
final class SharedBroker {
    private static EmbeddedKafka kafka;

    private SharedBroker() {
    }

    static synchronized String bootstrap() {
        if (kafka == null) {
            kafka = EmbeddedKafka.start(Path.of(System.getProperty("java.io.tmpdir"), "it-kafka"));
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close));
        }
        return kafka.bootstrapServers();
    }
}
