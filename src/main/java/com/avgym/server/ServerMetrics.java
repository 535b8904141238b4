package com.avgym.server;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The counters behind GET /metrics, in Prometheus text format. Written by hand (a few maps of
 * LongAdders) because the figures are few and a metrics library would outweigh them.
 */
public final class ServerMetrics {
    /** Upper bounds in milliseconds of the latency histograms. */
    private static final double[] BUCKETS_MS = {1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500};

    private final Map<String, Map<String, LongAdder>> counters = new ConcurrentHashMap<>();
    private final Map<String, Histogram> histograms = new ConcurrentHashMap<>();
    private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();
    private static final Map<String, String[]> HELP = Map.of(
            "avgym_ws_messages_in_total", new String[] {"type", "Frames received, by type"},
            "avgym_ws_messages_out_total", new String[] {"type", "Frames sent, by type"},
            "avgym_ws_closes_total", new String[] {"code", "Sockets closed, by close code"},
            "avgym_auth_failures_total", new String[] {"reason", "Refused authentications, by reason"},
            "avgym_checkins_total", new String[] {"result", "Check-in and check-out commands, by result"});

    public void increment(String counter, String label) {
        counters.computeIfAbsent(counter, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(label, k -> new LongAdder()).increment();
    }

    public long count(String counter, String label) {
        LongAdder a = counters.getOrDefault(counter, Map.of()).get(label);
        return a == null ? 0 : a.sum();
    }

    public void gauge(String name, LongSupplier value) {
        gauges.put(name, value);
    }

    public void observeMillis(String histogram, double millis) {
        histograms.computeIfAbsent(histogram, k -> new Histogram()).observe(millis);
    }

    /** Renders all metrics; label values come from fixed enums, so they need no escaping. */
    public String render() {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(gauges).forEach((name, value) -> out.append("# TYPE ").append(name).append(" gauge\n")
                .append(name).append(' ').append(value.getAsLong()).append('\n'));
        new TreeMap<>(counters).forEach((name, byLabel) -> {
            String[] help = HELP.getOrDefault(name, new String[] {"label", name});
            out.append("# HELP ").append(name).append(' ').append(help[1]).append('\n');
            out.append("# TYPE ").append(name).append(" counter\n");
            new TreeMap<>(byLabel).forEach((label, n) -> out.append(name).append('{').append(help[0]).append("=\"")
                    .append(label).append("\"} ").append(n.sum()).append('\n'));
        });
        new TreeMap<>(histograms).forEach((name, h) -> h.render(name, out));
        return out.toString();
    }

    private static final class Histogram {
        private final AtomicLongArray buckets = new AtomicLongArray(BUCKETS_MS.length);
        private final LongAdder count = new LongAdder();
        private final java.util.concurrent.atomic.DoubleAdder sum = new java.util.concurrent.atomic.DoubleAdder();

        void observe(double ms) {
            for (int i = 0; i < BUCKETS_MS.length; i++) {
                if (ms <= BUCKETS_MS[i]) {
                    buckets.incrementAndGet(i);
                }
            }
            count.increment();
            sum.add(ms / 1000.0);
        }

        void render(String name, StringBuilder out) {
            out.append("# TYPE ").append(name).append(" histogram\n");
            for (int i = 0; i < BUCKETS_MS.length; i++) {
                out.append(name).append("_bucket{le=\"").append(BUCKETS_MS[i] / 1000.0).append("\"} ")
                        .append(buckets.get(i)).append('\n');
            }
            out.append(name).append("_bucket{le=\"+Inf\"} ").append(count.sum()).append('\n');
            out.append(name).append("_sum ").append(sum.sum()).append('\n');
            out.append(name).append("_count ").append(count.sum()).append('\n');
        }
    }
}
