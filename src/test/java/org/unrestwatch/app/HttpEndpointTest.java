package org.unrestwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;
import org.unrestwatch.config.DetectorConfig;

/** The endpoint listens where it is told (loopback by default) and its probes say why they fail. */
class HttpEndpointTest {
    @Test
    void listensOnLoopbackByDefaultAndExplainsItsProbes() throws Exception {
        assertEquals("127.0.0.1", DetectorConfig.of(Path.of("config"), Map.of()).get("http.bind.address"));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        StreamsSupervisor supervisor = new StreamsSupervisor(0, Duration.ofMinutes(15), registry, System::currentTimeMillis);
        try (HttpEndpoint http = new HttpEndpoint("127.0.0.1", 0, registry, supervisor)) {
            InetAddress external = externalAddress();
            if (external != null) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(external, http.port()), 1000);
                    throw new AssertionError("reachable on " + external);
                } catch (java.io.IOException expected) {
                    // refused: not listening there
                }
            }
            HttpClient client = HttpClient.newHttpClient();
            supervisor.onChange(State.REBALANCING, State.CREATED);
            HttpResponse<String> ready = client.send(request(http, "/ready"), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, ready.statusCode());
            assertEquals("Kafka Streams is REBALANCING", json(ready).get("reason").asText());
            supervisor.onChange(State.RUNNING, State.REBALANCING);
            assertEquals(200, client.send(request(http, "/ready"), HttpResponse.BodyHandlers.ofString()).statusCode());
            supervisor.handle(new IllegalStateException("fenced"));
            HttpResponse<String> health = client.send(request(http, "/health"), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, health.statusCode());
            assertEquals("DOWN", json(health).get("status").asText());
            assertTrue(json(health).get("reason").asText().contains("fenced"), health.body());
            assertTrue(client.send(request(http, "/metrics"), HttpResponse.BodyHandlers.ofString()).body().contains("unrest_streams_up 0.0"));
        }
    }

    private static HttpRequest request(HttpEndpoint http, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path)).build();
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return new ObjectMapper().readTree(r.body());
    }

    /** A non-loopback address of this machine, or null if it has none. */
    private static InetAddress externalAddress() throws Exception {
        for (var nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : java.util.Collections.list(nic.getInetAddresses())) {
                if (!a.isLoopbackAddress() && a instanceof java.net.Inet4Address) {
                    return a;
                }
            }
        }
        return null;
    }
}
