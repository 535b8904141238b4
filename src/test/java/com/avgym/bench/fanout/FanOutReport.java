package com.avgym.bench.fanout;

import com.avgym.bench.fanout.FanOutPhases.Burst;
import com.avgym.bench.fanout.FanOutPhases.Steady;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The table of target/bench-fanout.txt: each figure of the product, of bare Jetty, the ratio and the target. */
public final class FanOutReport {
    /** Everything measured on one server at one N. */
    public record Run(double connectMs, double heapPerSocket, Steady steady20, Steady steady50, Burst burst,
                      Steady busySteady50, Burst busyBurst, String unexpectedCloses,
                      double loadAverage) {
    }

    private final String engine;
    private final List<String> lines = new ArrayList<>();

    public FanOutReport(String engine) {
        this.engine = engine;
    }

    public void add(int n, Run product, Run bare) {
        boolean targets = n == 1000;
        lines.add(String.format(Locale.ROOT, "%nN = %,d sockets, one node (product on %s; bare = minimal Jetty 12.1 broadcaster)",
                n, engine));
        lines.add(String.format(Locale.ROOT, "%-52s %12s %12s %14s  %s", "figure", "product", "bare", "product/bare",
                targets ? "target (item 8)" : ""));
        row("connect-all, ms", product.connectMs(), bare.connectMs(), targets ? "<= 1.5x" : null, false);
        row("heap per idle socket (server, after GC), bytes", product.heapPerSocket(), bare.heapPerSocket(),
                targets ? "<= 1.2x" : null, false);
        steady("every 20 ms", product.steady20(), bare.steady20(), targets);
        steady("every 50 ms", product.steady50(), bare.steady50(), targets);
        row("server CPU per event at 50 ms, ms", product.steady50().cpuMsPerEvent(), bare.steady50().cpuMsPerEvent(),
                null, false);
        burst("burst, 4 writers 10 s", product.burst(), bare.burst(), targets);
        steady("busy core, every 50 ms", product.busySteady50(), bare.busySteady50(), false);
        burst("busy core, burst", product.busyBurst(), bare.busyBurst(), false);
        lines.add(String.format(Locale.ROOT, "sockets closed by the server during the run (code=count): product [%s], bare [%s]",
                product.unexpectedCloses(), bare.unexpectedCloses()));
        lines.add(String.format(Locale.ROOT, "machine load average (1 min) at the end of each run: product %.1f, bare %.1f "
                + "(2 cores; above 2 other work shares them)", product.loadAverage(), bare.loadAverage()));
    }

    public void twoNodes(int n, Steady s) {
        lines.add(String.format(Locale.ROOT, "%nN = %,d sockets, two product nodes on one PostgreSQL (half the sockets on each, "
                + "events written through node A, one every 50 ms)", n));
        lines.add(String.format(Locale.ROOT, "  last-socket median %.1f ms, p99 %.1f ms over %d events; %d events did not "
                + "reach every socket within 10 s", s.median(), s.p99(), s.lastSocketMs().size(), s.incomplete()));
    }

    public void note(int n, String text) {
        lines.add(String.format(Locale.ROOT, "%nN = %,d sockets, %s", n, text));
    }

    /** The report so far (written after each N so a long run leaves its figures even if stopped). */
    public String text() {
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }

    private void steady(String what, Steady product, Steady bare, boolean target) {
        row("last-socket latency " + what + ", median ms", product.median(), bare.median(), null, false);
        row("last-socket latency " + what + ", p99 ms", product.p99(), bare.p99(), target ? "<= 1.5x" : null, false);
        if (product.incomplete() + bare.incomplete() > 0) {
            lines.add(String.format(Locale.ROOT, "  events that missed a socket (%s): product %d, bare %d", what,
                    product.incomplete(), bare.incomplete()));
        }
    }

    private void burst(String what, Burst product, Burst bare, boolean target) {
        row(what + ": deliveries/s", product.deliveriesPerSecond(), bare.deliveriesPerSecond(),
                target ? ">= 0.7x" : null, true);
        row(what + ": events/s", product.eventsPerSecond(), bare.eventsPerSecond(), null, true);
        if (product.incomplete() + bare.incomplete() > 0) {
            lines.add(String.format(Locale.ROOT, "  events that missed a socket (%s): product %d, bare %d", what,
                    product.incomplete(), bare.incomplete()));
        }
    }

    /** One figure; {@code target} like "<= 1.5x" or ">= 0.7x" is judged on the ratio. */
    private void row(String what, double product, double bare, String target, boolean higherIsBetter) {
        double ratio = product / bare;
        String verdict = "";
        if (target != null) {
            double limit = Double.parseDouble(target.substring(3, target.length() - 1));
            boolean met = higherIsBetter ? ratio >= limit : ratio <= limit;
            verdict = target + (met ? " met" : " NOT met");
        }
        lines.add(String.format(Locale.ROOT, "%-52s %12.1f %12.1f %13.2fx  %s", what, product, bare, ratio, verdict));
    }
}
