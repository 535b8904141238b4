package com.avgym.server;

import com.avgym.protocol.ErrorCode;
import com.avgym.protocol.MessageType;
import com.avgym.server.checkin.CommandOutcome;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jetty.JettyConnectionMetrics;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.thread.ThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meters behind GET /metrics: Micrometer's Prometheus registry, one per server (tests run many servers in
 * one JVM), with the JVM's, Jetty's and HikariCP's own meters bound to it. The avgym_ names and labels are
 * those of the earlier hand-written renderer, so dashboards keep working. Meters on a per-frame or per-command
 * path are created here once and held; {@link #increment} looks a meter up and is for rare events only.
 */
public final class ServerMetrics implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServerMetrics.class);
    /** The histogram buckets of the latency timers (the renderer's, in ms). */
    private static final long[] BUCKETS_MS = {1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500};
    public static final String FRAMES_IN = "avgym_ws_messages_in_total";
    public static final String FRAMES_OUT = "avgym_ws_messages_out_total";
    public static final String CLOSES = "avgym_ws_closes_total";
    public static final String AUTH_FAILURES = "avgym_auth_failures_total";
    public static final String CHECKINS = "avgym_checkins_total";
    public static final String UPGRADE_REFUSALS = "avgym_upgrade_refusals_total";

    private record Family(String label, String help) {
    }

    /** Label name and help of each counter. Refused upgrades were labelled "label" by the old renderer: kept. */
    private static final Map<String, Family> FAMILIES = Map.of(
            FRAMES_IN, new Family("type", "Frames received, by type"),
            FRAMES_OUT, new Family("type", "Frames sent, by type"),
            CLOSES, new Family("code", "Sockets closed, by close code"),
            AUTH_FAILURES, new Family("reason", "Refused authentications, by reason"),
            CHECKINS, new Family("result", "Check-in and check-out commands, by result"),
            UPGRADE_REFUSALS, new Family("label", "Refused WebSocket upgrades other than authentication, by code"));

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Map<MessageType, Counter> framesIn = new EnumMap<>(MessageType.class);
    private final Map<String, Counter> framesOut;
    private final Counter invalidIn;
    private final Counter unknownIn;
    private final Counter binaryIn;
    private final Counter checkInsOk;
    private final Counter checkInsDuplicate;
    private final Map<ErrorCode, Counter> checkInsRefused = new ConcurrentHashMap<>();
    private final Timer commandLatency;
    private final Timer broadcastLatency;
    private JettyServerThreadPoolMetrics jettyThreads;

    public ServerMetrics() {
        // Jetty counts bytes only on a NetworkTrafficServerConnector; on ours these would read 0 for ever.
        registry.config().meterFilter(MeterFilter.denyNameStartsWith("jetty.connections.bytes"));
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);

        Map<String, Counter> out = new HashMap<>();
        for (MessageType t : MessageType.values()) {
            if (t.sender() == MessageType.Sender.CLIENT) {
                framesIn.put(t, counter(FRAMES_IN, t.wireName()));
            } else {
                out.put(t.wireName(), counter(FRAMES_OUT, t.wireName()));
            }
        }
        this.framesOut = Map.copyOf(out);
        this.invalidIn = counter(FRAMES_IN, "invalid");
        this.unknownIn = counter(FRAMES_IN, "unknown");
        this.binaryIn = counter(FRAMES_IN, "binary");

        this.checkInsOk = counter(CHECKINS, "ok");
        this.checkInsDuplicate = counter(CHECKINS, "duplicate");
        this.commandLatency = latency("avgym_command_latency", "Time to handle one client frame");
        this.broadcastLatency = latency("avgym_broadcast_latency", "From the fan-out reading an event from the log to the event queued on every socket");
    }

    // --- hot paths: meters resolved at start ------------------------------------------------------

    /** A frame of a client type arrived. */
    public void frameIn(MessageType type) {
        framesIn.get(type).increment();
    }

    /** A frame arrived that is not JSON or breaks the envelope. */
    public void invalidFrameIn() {
        invalidIn.increment();
    }

    /** A frame arrived whose type the server does not accept from clients. */
    public void unknownFrameIn() {
        unknownIn.increment();
    }

    public void binaryFrameIn() {
        binaryIn.increment();
    }

    /** The counter of sent frames of one wire type, to hold while fanning one event out to every socket. */
    public Counter framesOut(String wireName) {
        Counter c = framesOut.get(wireName);
        return c != null ? c : counter(FRAMES_OUT, wireName);
    }

    /** Counts a check-in or check-out by its result: ok, duplicate, or the refusal's code. */
    public void checkIn(CommandOutcome outcome) {
        switch (outcome) {
            case CommandOutcome.Done d -> (d.httpStatus() == 201 ? checkInsOk : checkInsDuplicate).increment();
            case CommandOutcome.Refused r -> checkInRefused(r.code());
        }
    }

    /** Refusal codes are few and created on first use, so the scrape lists only the ones that happened. */
    public void checkInRefused(ErrorCode code) {
        checkInsRefused.computeIfAbsent(code, c -> counter(CHECKINS, c.name())).increment();
    }

    public Timer commandLatency() {
        return commandLatency;
    }

    public Timer broadcastLatency() {
        return broadcastLatency;
    }

    // --- rare events and wiring ---------------------------------------------------------------------

    /** Adds one to {@code counter}{label=value}; a lookup per call, so not for per-frame use. */
    public void increment(String counter, String value) {
        counter(counter, value).increment();
    }

    public void gauge(String name, LongSupplier value) {
        Gauge.builder(name, value, v -> (double) v.getAsLong()).strongReference(true).register(registry);
    }

    /** Jetty's thread pool (jetty_threads_*) and every connector's connections (jetty_connections_*). */
    public void bindJetty(Server server) {
        ThreadPool pool = server.getThreadPool();
        jettyThreads = new JettyServerThreadPoolMetrics(pool, List.of());
        jettyThreads.bindTo(registry);
        JettyConnectionMetrics.addToAllConnectors(server, registry);
    }

    /** HikariCP's pool meters (hikaricp_connections_*) into this registry. */
    public MetricsTrackerFactory poolMetrics() {
        return new MicrometerMetricsTrackerFactory(registry);
    }

    /** Every meter in the Prometheus text format 0.0.4. */
    public String render() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        if (jettyThreads != null) {
            try {
                jettyThreads.close();
            } catch (Exception e) {
                log.debug("jetty thread meters: {}", e.toString());
            }
        }
        registry.close();
    }

    private Counter counter(String name, String value) {
        Family f = FAMILIES.get(name);
        String label = f == null ? "label" : f.label();
        return Counter.builder(name.endsWith("_total") ? name.substring(0, name.length() - 6) : name)
                .description(f == null ? name : f.help()).tag(label, value).register(registry);
    }

    private Timer latency(String name, String help) {
        Duration[] slos = new Duration[BUCKETS_MS.length];
        for (int i = 0; i < slos.length; i++) {
            slos[i] = Duration.ofMillis(BUCKETS_MS[i]);
        }
        return Timer.builder(name).description(help).serviceLevelObjectives(slos).register(registry);
    }
}
