package com.avgym.server.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Prometheus text exposition (format 0.0.4) read into samples, so tests compare values, not spellings. */
public final class Scrape {
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)(?: \\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    private final List<Sample> samples;
    private final Map<String, String> types;

    private Scrape(List<Sample> samples, Map<String, String> types) {
        this.samples = samples;
        this.types = types;
    }

    /** Parses every line; a line that is neither a comment nor a sample fails the test that reads it. */
    public static Scrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                types.put(parts[2], parts[3]);
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a Prometheus sample line: " + line);
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                int end = 0;
                while (l.find() && l.start() == end) {
                    labels.put(l.group(1), l.group(2));
                    end = l.end();
                }
                if (end != m.group(2).length()) {
                    throw new IllegalArgumentException("bad labels in: " + line);
                }
            }
            samples.add(new Sample(m.group(1), labels, number(m.group(3))));
        }
        return new Scrape(List.copyOf(samples), types);
    }

    private static double number(String value) {
        return switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(value);
        };
    }

    public List<Sample> samples() {
        return samples;
    }

    /** The declared type (counter, gauge, histogram...) of a family. */
    public Optional<String> type(String family) {
        return Optional.ofNullable(types.get(family));
    }

    /** Each sample name with the sets of label names it appears with. */
    public Map<String, Set<Set<String>>> labelSets() {
        Map<String, Set<Set<String>>> out = new TreeMap<>();
        for (Sample s : samples) {
            out.computeIfAbsent(s.name(), k -> new TreeSet<>(Scrape::compareSets)).add(new TreeSet<>(s.labels().keySet()));
        }
        return out;
    }

    /** The value of {@code name} with exactly these labels (alternating name, value), or empty. */
    public Optional<Double> value(String name, String... labels) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(wanted)).map(Sample::value).findFirst();
    }

    /** As {@link #value}, 0 when the series is absent (a counter not yet incremented). */
    public long count(String name, String... labels) {
        return Math.round(value(name, labels).orElse(0.0));
    }

    private static int compareSets(Set<String> a, Set<String> b) {
        return String.join(",", a).compareTo(String.join(",", b));
    }
}
