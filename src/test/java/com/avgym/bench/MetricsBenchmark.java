package com.avgym.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.protocol.MessageType;
import com.avgym.server.ServerMetrics;
import io.micrometer.core.instrument.Counter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What the meters cost a frame: the held counters and timer of the hot paths against a lookup by name and
 * label per call, and one scrape of everything. Not part of the test run: {@code ./mvnw -Pbench test}.
 * Prints median and p99 of batches and writes them to target/bench-metrics.txt.
 */
@Tag("bench")
class MetricsBenchmark {
    private static final int BATCHES = 60;
    private static final int WARMUP_BATCHES = 10;
    private static final int OPS = 100_000;

    @Test
    void perFrameCostAndScrape() throws Exception {
        List<String> lines = new ArrayList<>();
        try (ServerMetrics metrics = new ServerMetrics()) {
            Counter helloOut = metrics.framesOut("hello");
            lines.add(perOp("frame in (held counter)", () -> metrics.frameIn(MessageType.HEARTBEAT)));
            lines.add(perOp("frame out (counter resolved per event)", helloOut::increment));
            lines.add(perOp("frame out (lookup by wire name)", () -> metrics.framesOut("heartbeat_ack").increment()));
            lines.add(perOp("command latency (held timer)", () -> metrics.commandLatency().record(1_500_000, TimeUnit.NANOSECONDS)));
            lines.add(perOp("lookup by name and label per call", () -> metrics.increment(ServerMetrics.FRAMES_IN, "heartbeat")));

            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < 250; i++) {
                long start = System.nanoTime();
                String text = metrics.render();
                long elapsed = (System.nanoTime() - start) / 1000;
                assertThat(text).contains("avgym_ws_messages_in_total");
                if (i >= 50) {
                    micros.add(elapsed);
                }
            }
            Collections.sort(micros);
            lines.add(String.format(Locale.ROOT, "scrape of every meter: median %.2f ms, p99 %.2f ms",
                    micros.get(micros.size() / 2) / 1000.0, micros.get((int) Math.ceil(micros.size() * 0.99) - 1) / 1000.0));
        }
        lines.forEach(System.out::println);
        Files.write(Path.of("target", "bench-metrics.txt"), lines);
    }

    private static String perOp(String what, Runnable op) {
        List<Double> nanosPerOp = new ArrayList<>();
        for (int b = 0; b < WARMUP_BATCHES + BATCHES; b++) {
            long start = System.nanoTime();
            for (int i = 0; i < OPS; i++) {
                op.run();
            }
            double perOp = (System.nanoTime() - start) / (double) OPS;
            if (b >= WARMUP_BATCHES) {
                nanosPerOp.add(perOp);
            }
        }
        Collections.sort(nanosPerOp);
        return String.format(Locale.ROOT, "%s: median %.1f ns, p99 %.1f ns per call (batches of %,d)", what,
                nanosPerOp.get(nanosPerOp.size() / 2), nanosPerOp.get((int) Math.ceil(nanosPerOp.size() * 0.99) - 1), OPS);
    }
}
