package com.avgym.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/PROTOCOL.md is the contract: its tables of message types, error codes and close codes must
 * list exactly what the code has, with the same direction, HTTP status, retryable flag and value, and its
 * Limits table and the numbers its text repeats must be the code's ({@link DocNumbers} computes them).
 * Client and server are both tested against the code, so both are tested against this page.
 */
class ProtocolDocContractTest {
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");
    private static final Set<String> ERROR_CLASSES = Set.of("NETWORK", "SERVER", "RESTART", "OVERLOADED",
            "TOKEN_EXPIRED", "AUTH_INVALID", "FORBIDDEN", "PROTOCOL", "HEARTBEAT", "SLOW", "UNTRUSTED_SERVER");

    private static List<String> doc;

    @BeforeAll
    static void read() throws IOException {
        Path file = Path.of(System.getProperty("basedir", ".")).resolve("docs/PROTOCOL.md");
        assertThat(file).as("the protocol document").exists();
        doc = Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    @Test
    void messageTypeTableListsEveryTypeOnceWithItsDirection() {
        Map<String, String> direction = new TreeMap<>();
        for (List<String> row : tableRows(section("Message types"))) {
            String name = onlyName(row.getFirst());
            assertThat(direction.put(name, row.get(1).trim())).as("row for %s appears once", name).isNull();
        }
        Map<String, String> expected = new TreeMap<>();
        for (MessageType t : MessageType.values()) {
            expected.put(t.wireName(), t.sender() == MessageType.Sender.SERVER ? "S→C" : "C→S");
        }
        assertThat(direction).isEqualTo(expected);
    }

    @Test
    void errorCodeTableListsEveryCodeWithItsStatusAndRetryable() {
        Map<String, String> documented = new TreeMap<>();
        for (List<String> row : tableRows(section("Error codes"))) {
            String name = onlyName(row.getFirst());
            String facts = row.get(1).trim() + " " + row.get(2).trim();
            assertThat(documented.put(name, facts)).as("row for %s appears once", name).isNull();
        }
        Map<String, String> expected = new TreeMap<>();
        for (ErrorCode c : ErrorCode.values()) {
            expected.put(c.name(), c.httpStatus() + " " + (c.retryable() ? "yes" : "no"));
        }
        assertThat(documented).isEqualTo(expected);
    }

    @Test
    void closeCodeTableListsEveryConstantWithItsValue() {
        Map<String, Integer> documented = new TreeMap<>();
        for (List<String> row : tableRows(section("Close codes"))) {
            int code = Integer.parseInt(onlyName(row.getFirst()));
            String constant = onlyName(row.get(1));
            assertThat(documented.put(constant, code)).as("row for %s appears once", constant).isNull();
            assertThat(row.get(3)).as("what the client does on %d", code).isNotBlank();
        }
        assertThat(documented).isEqualTo(closeCodeConstants());
    }

    @Test
    void clientPolicyMapsEveryCloseCodeToOneKnownClass() {
        Map<Integer, String> classOf = new TreeMap<>();
        Set<String> classesUsed = new TreeSet<>();
        for (List<String> row : tableRows(section("Client policy"))) {
            String cls = row.get(1).trim();
            assertThat(cls).as("error class").isIn(union(ERROR_CLASSES, Set.of("(none)")));
            classesUsed.add(cls);
            for (String name : backticked(row.getFirst())) {
                if (name.matches("\\d{4}")) {
                    assertThat(classOf.put(Integer.parseInt(name), cls)).as("close %s has one class", name).isNull();
                }
            }
        }
        assertThat(classOf.keySet()).containsExactlyInAnyOrderElementsOf(new TreeSet<>(closeCodeConstants().values()));
        assertThat(classesUsed).containsAll(ERROR_CLASSES);
    }

    @Test
    void theDocNamesNoMessageTypeOrCodeThatTheCodeLacks() {
        Set<String> wireNames = Arrays.stream(MessageType.values()).map(MessageType::wireName).collect(Collectors.toSet());
        Set<String> constants = new TreeSet<>(closeCodeConstants().keySet());
        Arrays.stream(ErrorCode.values()).map(Enum::name).forEach(constants::add);
        Arrays.stream(com.avgym.protocol.OfflineVerdict.values()).map(Enum::name).forEach(constants::add);
        List<String> unknown = new ArrayList<>();
        for (String line : doc) {
            for (String name : backticked(line)) {
                boolean snake = name.matches("[a-z]+(_[a-z]+)+") && !name.startsWith("avgym_");
                boolean upper = name.matches("[A-Z]{3,}(_[A-Z]+)*") && !name.startsWith("AVGYM_"); // AVGYM_*: environment
                if ((snake && !wireNames.contains(name)) || (upper && !constants.contains(name))) {
                    unknown.add(name);
                }
            }
        }
        assertThat(unknown).as("backticked names in docs/PROTOCOL.md that the code does not define").isEmpty();
    }

    @Test
    void limitsTableHasOneRowPerLimitWithTheValueInTheCode() {
        Map<String, String> documented = new TreeMap<>();
        for (List<String> row : tableRows(section("Limits"))) {
            String name = row.getFirst().trim();
            assertThat(documented.put(name, row.get(1).trim())).as("row for %s appears once", name).isNull();
            assertThat(row.get(2)).as("what happens at the limit '%s'", name).isNotNull();
        }
        assertThat(documented).as("Limits table (left) against DocNumbers.limits() (right)")
                .isEqualTo(new TreeMap<>(DocNumbers.limits()));
    }

    @Test
    void numbersRepeatedInTheTextAreTheCodes() {
        List<String> missing = new ArrayList<>();
        for (DocNumbers.Phrase p : DocNumbers.phrases()) {
            String text = String.join(" ", section(p.section())).replaceAll("\\s+", " ");
            if (!text.contains(p.text())) {
                missing.add(p.section() + ": " + p.text());
            }
        }
        assertThat(missing).as("phrases with the code's numbers that docs/PROTOCOL.md does not contain").isEmpty();
    }

    @Test
    void commandRowsListEveryFieldOfTheirPayloadRecord() {
        Map<String, Class<?>> payloads = Map.of("check_in", com.avgym.protocol.message.CheckInCommand.class,
                "check_out", com.avgym.protocol.message.CheckOutCommand.class);
        for (List<String> row : tableRows(section("Message types"))) {
            Class<?> payload = payloads.get(onlyName(row.getFirst()));
            if (payload == null) {
                continue;
            }
            Set<String> documented = new TreeSet<>();
            for (String field : backticked(row.get(2))) {
                documented.add(field.split("[?:]", 2)[0].trim());
            }
            assertThat(documented).as("fields of %s in its row", payload.getSimpleName())
                    .isEqualTo(componentNames(payload));
        }
    }

    @Test
    void checkInViewShapeListsEveryFieldOfTheRecord() {
        String shapes = String.join(" ", section("Message types"));
        int start = shapes.indexOf("**CheckInView**");
        assertThat(start).as("the CheckInView shape").isNotNegative();
        String shape = backticked(shapes.substring(start)).getFirst();
        assertThat(topLevelKeys(shape)).isEqualTo(componentNames(com.avgym.protocol.message.CheckInView.class));
    }

    private static Set<String> componentNames(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(java.lang.reflect.RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The keys of the outermost object of "{a: t, b: {c: t}|null}": a and b. */
    private static Set<String> topLevelKeys(String shape) {
        Set<String> keys = new TreeSet<>();
        int depth = 0;
        StringBuilder word = new StringBuilder();
        for (char ch : shape.toCharArray()) {
            if (ch == '{') {
                depth++;
                word.setLength(0);
            } else if (ch == '}') {
                depth--;
            } else if (depth == 1 && ch == ':') {
                keys.add(word.toString().replace("?", "").trim());
                word.setLength(0);
            } else if (depth == 1 && ch == ',') {
                word.setLength(0);
            } else if (depth == 1) {
                word.append(ch);
            }
        }
        return keys;
    }

    // --- parsing ---------------------------------------------------------------------------------

    /** The lines of the "## ..." section whose title contains {@code title}, up to the next "## ". */
    private static List<String> section(String title) {
        List<String> out = new ArrayList<>();
        boolean inside = false;
        for (String line : doc) {
            if (line.startsWith("## ")) {
                if (inside) {
                    break;
                }
                inside = line.contains(title);
                continue;
            }
            if (inside) {
                out.add(line);
            }
        }
        assertThat(out).as("section '%s' of docs/PROTOCOL.md", title).isNotEmpty();
        return out;
    }

    /** Body rows of the first table in the section (header and separator skipped), as cells. */
    private static List<List<String>> tableRows(List<String> section) {
        List<List<String>> rows = new ArrayList<>();
        boolean seenTable = false;
        boolean header = true;
        for (String line : section) {
            if (!line.startsWith("|")) {
                if (seenTable) {
                    break;
                }
                continue;
            }
            seenTable = true;
            if (header || line.matches("\\|[-| :]+\\|")) {
                header = false;
                continue;
            }
            String inner = line.substring(1, line.lastIndexOf('|'));
            rows.add(Arrays.asList(inner.split("(?<!\\\\)\\|", -1)));
        }
        assertThat(rows).as("table rows").isNotEmpty();
        return rows;
    }

    private static String onlyName(String cell) {
        List<String> names = backticked(cell);
        assertThat(names).as("one backticked name in '%s'", cell).hasSize(1);
        return names.getFirst();
    }

    private static List<String> backticked(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = BACKTICKED.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static Map<String, Integer> closeCodeConstants() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Field f : CloseCodes.class.getFields()) {
            if (f.getType() == int.class && Modifier.isStatic(f.getModifiers()) && Modifier.isFinal(f.getModifiers())) {
                try {
                    out.put(f.getName(), f.getInt(null));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        assertThat(out).as("CloseCodes constants").isNotEmpty();
        return new TreeMap<>(out);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }
}
