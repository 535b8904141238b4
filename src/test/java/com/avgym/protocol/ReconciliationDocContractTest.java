package com.avgym.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.protocol.message.ReviewItem;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/PROTOCOL.md section 14, "Reconciliation": its table must give every {@link OfflineVerdict} a row for a server
 * that would admit and one for a server that would refuse, name each of the server's checks for an offline ADMIT and
 * the REFUSED_OFFLINE answer, and the ReviewItem shape it documents must be the record's.
 */
class ReconciliationDocContractTest {
    private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");

    private static List<List<String>> rows;
    private static List<String> section;

    @BeforeAll
    static void read() throws IOException {
        Path file = Path.of(System.getProperty("basedir", ".")).resolve("docs/PROTOCOL.md");
        List<String> doc = Files.readAllLines(file, StandardCharsets.UTF_8);
        section = new ArrayList<>();
        boolean inside = false;
        for (String line : doc) {
            if (line.startsWith("## ")) {
                if (inside) {
                    break;
                }
                inside = line.contains("Member roster and offline verdicts");
            } else if (inside) {
                section.add(line);
            }
        }
        int start = section.indexOf("### Reconciliation");
        assertThat(start).as("a '### Reconciliation' part in section 14").isNotNegative();
        rows = new ArrayList<>();
        boolean seenTable = false;
        for (String line : section.subList(start, section.size())) {
            if (!line.startsWith("|")) {
                if (seenTable) {
                    break;
                }
                continue;
            }
            seenTable = true;
            if (line.matches("\\|[-| :]+\\|") || line.startsWith("| Offline verdict")) {
                continue;
            }
            rows.add(Arrays.asList(line.substring(1, line.lastIndexOf('|')).split("(?<!\\\\)\\|", -1)));
        }
        assertThat(rows).as("rows of the reconciliation table").isNotEmpty();
    }

    @Test
    void everyOfflineVerdictHasARowForAServerThatAdmitsAndOneForAServerThatRefuses() {
        for (OfflineVerdict verdict : OfflineVerdict.values()) {
            List<String> decisions = rows.stream().filter(r -> backticked(r.get(0)).contains(verdict.name()))
                    .map(r -> r.get(1).trim()).toList();
            assertThat(decisions).as("server decisions listed for %s", verdict).contains("admits");
            assertThat(decisions).as("a refusing server for %s", verdict).anyMatch(d -> !d.equals("admits"));
        }
        Set<String> named = rows.stream().flatMap(r -> backticked(r.get(0)).stream()).collect(Collectors.toSet());
        assertThat(named).as("first column names only verdicts")
                .isSubsetOf(Arrays.stream(OfflineVerdict.values()).map(Enum::name).toList());
    }

    @Test
    void theOfflineAdmitRowsNameEachOfTheServersChecksAndTheRefusalRowsTheirAnswer() {
        Set<String> checks = rows.stream().filter(r -> backticked(r.get(0)).contains(OfflineVerdict.ADMIT.name()))
                .flatMap(r -> backticked(r.get(1)).stream()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(checks).containsExactlyInAnyOrder(ErrorCode.MEMBER_NOT_FOUND.name(), ErrorCode.MEMBER_INACTIVE.name(),
                ErrorCode.MEMBERSHIP_EXPIRED.name(), ErrorCode.ALREADY_CHECKED_IN.name());
        assertThat(rows).anyMatch(r -> backticked(r.get(3)).contains(ErrorCode.REFUSED_OFFLINE.name()));
    }

    @Test
    void theDocumentedReviewItemIsTheRecord() {
        String text = String.join(" ", section);
        int at = text.indexOf("ReviewItem: `");
        assertThat(at).as("ReviewItem's shape in section 14").isNotNegative();
        String shape = backticked(text.substring(at)).getFirst();
        Set<String> documented = new TreeSet<>();
        int depth = 0;
        StringBuilder word = new StringBuilder();
        for (char ch : shape.toCharArray()) {
            if (ch == '{') {
                depth++;
            } else if (ch == '}') {
                depth--;
            } else if (depth == 1 && ch == ':') {
                documented.add(word.toString().trim());
                word.setLength(0);
            } else if (depth == 1 && ch == ',') {
                word.setLength(0);
            } else if (depth == 1) {
                word.append(ch);
            }
        }
        assertThat(documented).isEqualTo(Arrays.stream(ReviewItem.class.getRecordComponents())
                .map(RecordComponent::getName).collect(Collectors.toCollection(TreeSet::new)));
    }

    private static List<String> backticked(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = BACKTICKED.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
