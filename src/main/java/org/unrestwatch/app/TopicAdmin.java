package org.unrestwatch.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.unrestwatch.config.DetectorConfig;
import org.unrestwatch.streams.Topics;

/**
 * Checks that Kafka is reachable (within a bounded time, naming the address if not) and that the
 * detector's topics exist, creating the missing ones when allowed. A refused login or TLS handshake
 * fails at once with its own message (see {@link SecurityFailures}), not as "cannot reach".
 */
public final class TopicAdmin {
    private TopicAdmin() {
    }

    /** Thrown when the cluster cannot be reached or the topics cannot be had; the message says why. */
    public static final class KafkaUnavailable extends RuntimeException {
        public KafkaUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Connects to the cluster; returns its id. */
    public static String checkReachable(DetectorConfig config, Duration timeout) {
        try (Admin admin = admin(config, timeout)) {
            return admin.describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // A listener that wants TLS or SASL just drops a client speaking another protocol: to the
            // client that looks like an absent broker, so the message names the protocol in use too.
            throw failure(e, config, "cannot reach Kafka at " + config.bootstrapServers() + " within "
                    + timeout.toSeconds() + " s (set kafka.bootstrap.servers or KAFKA_BOOTSTRAP_SERVERS; if the cluster"
                    + " requires TLS or SASL, kafka.security.protocol must match: it is "
                    + config.kafkaSettings().getOrDefault("security.protocol", "PLAINTEXT") + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailable("interrupted while connecting to " + config.bootstrapServers(), e);
        }
    }

    /**
     * A state topic that exists already must be compacted: under the default delete policy the
     * stories it holds would vanish after the retention time, silently.
     */
    private static void requireCompacted(Admin admin, List<String> names, DetectorConfig config, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (names.isEmpty()) {
            return;
        }
        List<org.apache.kafka.common.config.ConfigResource> resources = names.stream()
                .map(n -> new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, n)).toList();
        var configs = admin.describeConfigs(resources).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        for (var resource : resources) {
            var policy = configs.get(resource).get(TopicConfig.CLEANUP_POLICY_CONFIG);
            if (policy == null || !policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
                throw new KafkaUnavailable("topic " + resource.name() + " at " + config.bootstrapServers() + " has cleanup.policy="
                        + (policy == null ? "?" : policy.value()) + ": it keeps the latest record per key and must be compacted (cleanup.policy=compact), "
                        + "or name another topic in topic.alerts.state or topic.rules", null);
            }
        }
    }

    /** Creates the detector's topics that are missing (unless topic.create=false); returns those it created. */
    public static List<String> ensureTopics(DetectorConfig config, Duration timeout) {
        Topics topics = Topics.from(config);
        List<String> names = topics.externalNames();
        try (Admin admin = admin(config, timeout)) {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<String> missing = names.stream().filter(n -> !existing.contains(n)).toList();
            requireCompacted(admin, topics.compactedNames().stream().filter(existing::contains).toList(), config, timeout);
            if (missing.isEmpty()) {
                return List.of();
            }
            if (!config.getBoolean("topic.create")) {
                throw new KafkaUnavailable("topics " + missing + " do not exist at " + config.bootstrapServers()
                        + " and topic.create=false: create them or allow creation", null);
            }
            long retention = config.getRetentionMs("topic.retention");
            List<NewTopic> create = new ArrayList<>();
            for (String name : missing) {
                // A compacted topic keeps each key's latest record whatever its age; the others keep records for topic.retention.
                // The suggestions topic, keyed by region and term, would grow with every term ever suggested: compacted, and
                // its records older than topic.retention deleted too.
                Map<String, String> configs = name.equals(topics.emergingTerms().name())
                        ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                                TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention))
                        : topics.compactedNames().contains(name)
                        ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                        : Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention));
                int partitions = topics.singlePartitionNames().contains(name) ? 1 : config.getInt("topic.partitions");
                create.add(new NewTopic(name, partitions, (short) config.getInt("topic.replication")).configs(configs));
            }
            try {
                admin.createTopics(create).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicAuthorizationException) {
                    throw new KafkaUnavailable("not allowed to create topics " + missing + " at " + config.bootstrapServers()
                            + ": ask an administrator to create them, then set topic.create=false", e.getCause());
                }
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            return missing;
        } catch (TimeoutException | ExecutionException e) {
            throw failure(e, config, "cannot list or create topics at " + config.bootstrapServers() + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailable("interrupted while creating topics", e);
        }
    }

    /** Partitions of the posts topic: the region stage waits for the progress of each of them. */
    public static int postsPartitions(DetectorConfig config, Duration timeout) {
        String posts = Topics.from(config).posts().name();
        try (Admin admin = admin(config, timeout)) {
            return admin.describeTopics(List.of(posts)).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .get(posts).partitions().size();
        } catch (TimeoutException | ExecutionException e) {
            throw failure(e, config, "cannot describe topic " + posts + " at " + config.bootstrapServers() + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailable("interrupted while describing " + posts, e);
        }
    }

    /** The security failure's own explanation when that is the cause, else {@code otherwise}. */
    private static KafkaUnavailable failure(Exception e, DetectorConfig config, String otherwise) {
        return new KafkaUnavailable(SecurityFailures.explain(e, config).orElse(otherwise), e);
    }

    private static Admin admin(DetectorConfig config, Duration timeout) {
        Map<String, Object> props = config.kafkaSettings();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), Integer.MAX_VALUE));
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), Integer.MAX_VALUE));
        props.keySet().retainAll(AdminClientConfig.configNames());
        try {
            return Admin.create(props);
        } catch (org.apache.kafka.common.KafkaException e) {
            // "No resolvable bootstrap urls": no host name in the list resolves (a typo, or DNS down).
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new KafkaUnavailable("cannot connect to Kafka at " + config.bootstrapServers() + ": " + cause.getMessage()
                    + " (is the host name right? set kafka.bootstrap.servers or KAFKA_BOOTSTRAP_SERVERS)", e);
        }
    }
}
