package com.avgym.bench.fanout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link FanOutNode} child JVM: started, asked for heap and CPU over its stdin, destroyed on close. */
public final class NodeProcess implements AutoCloseable {
    private final Process process;
    private final PrintWriter commands;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final int port;

    private NodeProcess(Process process, Path log) throws Exception {
        this.process = process;
        this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("FANOUT ")) {
                        answers.add(line.substring(7));
                    }
                }
            } catch (IOException e) {
                answers.add("ERROR " + e);
            }
        }, "fanout-node-reader");
        reader.setDaemon(true);
        reader.start();
        String first = answers.poll(120, TimeUnit.SECONDS);
        if (first == null || !first.startsWith("PORT ")) {
            process.destroyForcibly();
            throw new IllegalStateException("node did not start (" + first + "); see " + log);
        }
        this.port = Integer.parseInt(first.substring(5).trim());
    }

    /** Starts {@code java FanOutNode args} on the test classpath with a fixed heap, its log in {@code log}. */
    public static NodeProcess start(Path log, String... args) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms512m", "-Xmx2g", "-cp", classpath, FanOutNode.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        return new NodeProcess(p, log);
    }

    public int port() {
        return port;
    }

    /** Bytes of heap in use after full collections. */
    public long heapAfterGc() throws InterruptedException {
        return Long.parseLong(ask("heap", "HEAP "));
    }

    /** CPU time the node's process used so far, ns. */
    public long cpuNanos() throws InterruptedException {
        return Long.parseLong(ask("cpu", "CPU "));
    }

    private String ask(String command, String prefix) throws InterruptedException {
        commands.println(command);
        String answer = answers.poll(60, TimeUnit.SECONDS);
        if (answer == null || !answer.startsWith(prefix)) {
            throw new IllegalStateException("node answered " + answer + " to " + command);
        }
        return answer.substring(prefix.length()).trim();
    }

    /** Kills the node (as kill -9 would) so the benchmark never waits on a slow shutdown. */
    @Override
    public void close() throws InterruptedException {
        commands.close();
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }
}
