package org.unrestwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.unrestwatch.config.DetectorConfig;

/**
 * Issue #19: local state left by a detector on another Kafka cluster (the walkthrough's local
 * broker started afresh) made the global stores' restore fail with offsets out of range, and the
 * detector exit after 45 s. The cluster's id is kept beside the state: on another cluster the
 * state is wiped and rebuilt from this cluster's topics; on the same one it is kept.
 */
class StateOfAnotherClusterTest {
    @TempDir
    Path state;

    @Test
    void stateBuiltOnAnotherClusterIsWipedAndStateOfThisOneKept() throws Exception {
        DetectorConfig config = RealBrokerSupport.config("other-cluster", state);
        TopicAdmin.ensureTopics(config, Duration.ofSeconds(30));
        String clusterId = TopicAdmin.checkReachable(config, Duration.ofSeconds(30));
        Path dir = state.resolve(config.get("application.id"));
        Path marker = dir.resolve(Detector.CLUSTER_MARKER);
        Path leftOver = dir.resolve("0_0").resolve("left-over-from-before"); // in a task's folder, as Kafka Streams keeps them

        try (Detector detector = new Detector(config)) {
            detector.forgetStateOfAnotherCluster(clusterId);
            assertEquals(clusterId, Files.readString(marker).trim(), "the cluster's id is kept beside the state");
            detector.start();
            assertTrue(detector.awaitRunning(Duration.ofSeconds(60)), "running");
        }
        Files.createDirectories(leftOver.getParent());
        Files.writeString(leftOver, "state");
        try (Detector sameCluster = new Detector(config)) {
            sameCluster.forgetStateOfAnotherCluster(clusterId);
            assertTrue(Files.exists(leftOver), "state of this cluster is kept");
        }

        Files.writeString(marker, "another-cluster-id\n");
        try (Detector detector = new Detector(config)) {
            detector.forgetStateOfAnotherCluster(clusterId);
            assertFalse(Files.exists(leftOver), "state of another cluster is wiped");
            assertEquals(clusterId, Files.readString(marker).trim(), "and this cluster's id kept in its place");
            detector.start();
            assertTrue(detector.awaitRunning(Duration.ofSeconds(60)), "running on the rebuilt state");
        }
    }
}
