package org.unrestwatch.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.unrestwatch.alert.AlertJson;
import org.unrestwatch.detect.AlertState;
import org.unrestwatch.detect.Assessment;
import org.unrestwatch.detect.Baseline;
import org.unrestwatch.detect.DetectionRules;
import org.unrestwatch.detect.RegionState;
import org.unrestwatch.detect.SpikeDetector;
import org.unrestwatch.region.Region;
import org.unrestwatch.region.RegionCatalog;
import org.unrestwatch.rules.RuleBook;
import org.unrestwatch.stats.RegionWindowStats;
import org.unrestwatch.streams.DetectorParts;
import org.unrestwatch.streams.DetectorTopology;

/**
 * {@code GET /v1/regions} and {@code GET /v1/regions/{code}}: what the detector sees in a region
 * now, from the region stage's own stores (interactive queries). A region's state lives on the
 * instance whose task owns its partition; any instance answers, forwarding to the owner (found with
 * {@code queryMetadataForKey}) and saying who answered ({@code served_by}). When the owner cannot be
 * reached, an instance holding a standby copy answers from it and reports its {@code lag} (records
 * behind the changelog's end); with neither, 503 and {@code Retry-After}.
 */
final class RegionQueryApi implements HttpHandler {
    static final String PATH = "/v1/regions";
    /** On a forwarded request: answer from local state only (the asker already chose this instance). */
    private static final String LOCAL = "local";
    private static final ObjectMapper JSON = AlertJson.mapper();
    private static final int TOP_TERMS = 5;

    private final KafkaStreams streams;
    private final RegionCatalog regions;
    private final RuleBook rules;
    private final DetectionRules baseRules;
    private final String token;
    private final String self;
    /** Short: a forward holds one of the endpoint's threads, which also answer /health and /ready. */
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    RegionQueryApi(KafkaStreams streams, DetectorParts parts, String token, String self) {
        this.streams = streams;
        this.regions = parts.regions();
        this.rules = parts.ruleBook();
        this.baseRules = parts.rules();
        this.token = token;
        this.self = self;
    }

    /** Not answerable now: 503 with Retry-After. */
    private static final class NotQueryable extends RuntimeException {
        NotQueryable(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try {
            if (JsonHttp.refused(ex, token)) {
                return;
            }
            String query = ex.getRequestURI().getRawQuery();
            boolean localOnly = (LOCAL + "=true").equals(query);
            if (query != null && !localOnly) {
                JsonHttp.error(ex, 400, "no query parameters are taken here");
                return;
            }
            String rest = ex.getRequestURI().getPath().substring(PATH.length());
            if (rest.isEmpty() || rest.equals("/")) {
                JsonHttp.respond(ex, 200, all(localOnly));
            } else if (rest.startsWith("/") && rest.indexOf('/', 1) < 0) {
                Region r = regions.byCode(rest.substring(1).toUpperCase(Locale.ROOT));
                if (r == null) {
                    JsonHttp.error(ex, 404, "no region " + rest.substring(1) + " (GET " + PATH + " lists them)");
                    return;
                }
                JsonHttp.respond(ex, 200, answer(r, localOnly));
            } else {
                JsonHttp.error(ex, 404, "no such endpoint: " + ex.getRequestURI().getPath());
            }
        } catch (NotQueryable | InvalidStateStoreException | IllegalStateException e) {
            // IllegalStateException: Kafka Streams is not running (starting, stopping or failed)
            ex.getResponseHeaders().set("Retry-After", "5");
            JsonHttp.error(ex, 503, e.getMessage() + ": retry shortly");
        }
    }

    /**
     * Every region: those this instance owns from its stores, the others with one forwarded request
     * per owner (which answers for all it owns), each entry naming who answered. {@code localOnly}:
     * the regions this instance owns, for an instance that forwarded here.
     */
    private ObjectNode all(boolean localOnly) {
        Map<String, JsonNode> byCode = new java.util.TreeMap<>();
        Map<String, List<Region>> remote = new java.util.LinkedHashMap<>();
        for (Region r : regions.regions()) {
            KeyQueryMetadata where = metadata(r);
            HostInfo owner = where.activeHost();
            if (isSelf(owner)) {
                byCode.put(r.code(), local(r, where.partition(), false));
            } else if (!localOnly) {
                remote.computeIfAbsent(owner.host() + ":" + owner.port(), h -> new java.util.ArrayList<>()).add(r);
            }
        }
        remote.forEach((host, owned) -> {
            Map<String, JsonNode> answered = new java.util.HashMap<>();
            try {
                for (JsonNode r : get(host, PATH + "?" + LOCAL + "=true").path("regions")) {
                    answered.put(r.get("code").asText(), r);
                }
            } catch (IOException | InterruptedException | NotQueryable e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                // the owner is unreachable: each of its regions from a standby here, or 503
            }
            for (Region r : owned) {
                JsonNode a = answered.get(r.code());
                byCode.put(r.code(), a != null ? a : answer(r, true));
            }
        });
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("regions");
        byCode.values().forEach(list::add);
        body.put("served_by", self);
        return body;
    }

    private KeyQueryMetadata metadata(Region region) {
        KeyQueryMetadata where = streams.queryMetadataForKey(DetectorTopology.REGION_WINDOWS_STORE, region.code(),
                Serdes.String().serializer());
        if (where == null || where.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw new NotQueryable("no instance owns " + region.code() + " yet (starting or rebalancing)");
        }
        return where;
    }

    private boolean isSelf(HostInfo host) {
        return (host.host() + ":" + host.port()).equals(self);
    }

    /** The region as its owner sees it: here if this instance owns it, else forwarded; a local standby if the owner fails. */
    private ObjectNode answer(Region region, boolean localOnly) {
        KeyQueryMetadata where = metadata(region);
        HostInfo owner = where.activeHost();
        if (isSelf(owner)) {
            return local(region, where.partition(), false);
        }
        if (!localOnly) {
            try {
                return forward(owner, region);
            } catch (IOException | InterruptedException | NotQueryable e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                if (!isStandbyHere(where)) {
                    throw new NotQueryable("the owner of " + region.code() + " (" + owner.host() + ":" + owner.port()
                            + ") does not answer and no standby is here");
                }
            }
        } else if (!isStandbyHere(where)) {
            throw new NotQueryable(region.code() + " is not on this instance");
        }
        return local(region, where.partition(), true);
    }

    private boolean isStandbyHere(KeyQueryMetadata where) {
        return where.standbyHosts().stream().anyMatch(this::isSelf);
    }

    private ObjectNode forward(HostInfo owner, Region region) throws IOException, InterruptedException {
        return (ObjectNode) get(owner.host() + ":" + owner.port(), PATH + "/" + region.code() + "?" + LOCAL + "=true");
    }

    /** A forwarded question, with this request's bearer token (instances of one detector share it). */
    private JsonNode get(String hostPort, String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + hostPort + pathAndQuery))
                .timeout(Duration.ofSeconds(2));
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new NotQueryable(hostPort + " answered " + r.statusCode() + " to " + pathAndQuery);
        }
        JsonNode body = JSON.readTree(r.body());
        if (!body.isObject()) {
            throw new NotQueryable(hostPort + " answered something other than a JSON object to " + pathAndQuery);
        }
        return body;
    }

    /** From this instance's stores: the active task's, or (stale) a standby's, with its lag. */
    private ObjectNode local(Region region, int partition, boolean standby) {
        RegionState windows = store(DetectorTopology.REGION_WINDOWS_STORE, partition, standby, RegionState.class).get(region.code());
        Baseline stored = store(DetectorTopology.REGION_BASELINES_STORE, partition, standby, Baseline.class).get(region.code());
        Baseline baseline = stored != null ? stored : new Baseline(); // none stored until the region's first window closes
        AlertState story = store(DetectorTopology.REGION_ALERTS_STORE, partition, standby, AlertState.class).get(region.code());
        ObjectNode o = JSON.createObjectNode();
        o.put("code", region.code());
        o.put("name", region.name());
        List<RegionWindowStats> open = windows == null ? List.of() : windows.openWindows();
        RegionWindowStats current = open.stream().max(Comparator.comparingLong(RegionWindowStats::windowStart)).orElse(null);
        if (current == null) {
            o.putNull("window");
        } else {
            long end = current.windowStart() + baseRules.windowMs();
            long last = org.unrestwatch.detect.RulesInForce.lastInstant(current.windowStart(), baseRules.windowMs());
            SpikeDetector detector = rules.detector(region.code(), last);
            Assessment a = detector.assess(current, baseline);
            ObjectNode w = o.putObject("window");
            w.put("start", Instant.ofEpochMilli(current.windowStart()).toString());
            w.put("end", Instant.ofEpochMilli(end).toString());
            w.put("posts", current.posts());
            w.put("protest_posts", current.protestPosts());
            w.put("distinct_accounts", current.distinctAccounts());
            w.put("new_accounts", current.newAccounts());
            ArrayNode terms = w.putArray("top_terms");
            current.topTerms(TOP_TERMS).forEach(e -> terms.addObject().put("term", e.item()).put("count", e.count()));
            w.put("expected", round(a.expected()));
            w.put("score", round(a.openingScore(detector.rules())));
            w.put("opens_at", round(detector.rules().openScore()));
            ObjectNode t = w.putObject("thresholds");
            t.put("burst", round(a.thresholds().window()));
            t.put("sustained", round(a.thresholds().sustained()));
            t.put("min_volume", detector.rules().minVolume());
            t.put("min_distinct_accounts", detector.rules().minDistinctAccounts());
            w.put("baseline_warm", baseline.isWarm(baseRules.baseline()));
            w.put("muted", rules.muted(region.code(), last));
            w.put("rules_version", rules.version(last));
        }
        if (story != null && story.isOpen()) {
            ObjectNode s = o.putObject("open_story");
            s.put("alert_id", story.alertId());
            s.put("type", story.type().name());
            s.put("severity", story.severity().name());
            s.put("opened_window", Instant.ofEpochMilli(story.openedWindow()).toString());
            s.put("version", story.version());
        } else {
            o.putNull("open_story");
        }
        o.put("served_by", self);
        o.put("standby", standby);
        o.put("lag", standby ? lag(partition) : 0);
        return o;
    }

    @SuppressWarnings("unchecked")
    private <T> ReadOnlyKeyValueStore<String, T> store(String name, int partition, boolean stale, Class<T> type) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, T>> q = StoreQueryParameters
                .fromNameAndType(name, QueryableStoreTypes.<String, T>keyValueStore()).withPartition(partition);
        return streams.store(stale ? q.enableStaleStores() : q);
    }

    /** Records the local copy of the windows store is behind its changelog's end (-1 when unknown). */
    private long lag(int partition) {
        Map<Integer, LagInfo> lags = streams.allLocalStorePartitionLags().get(DetectorTopology.REGION_WINDOWS_STORE);
        LagInfo lag = lags == null ? null : lags.get(partition);
        return lag == null ? -1 : lag.offsetLag();
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
