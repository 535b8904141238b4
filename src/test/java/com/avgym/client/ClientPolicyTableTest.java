package com.avgym.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/PROTOCOL.md's client-policy table, row by row, against {@link FailureClassifier}. */
class ClientPolicyTableTest {
    private static final Pattern CLOSE = Pattern.compile("close `(\\d{4})`");
    private static final Pattern HTTP = Pattern.compile("HTTP `(\\d{3})`");

    record Row(String trigger, ErrorClass type) {
    }

    private static List<Row> rows() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("docs/PROTOCOL.md"));
        int header = lines.indexOf("| Trigger | Class | Action |");
        assertThat(header).as("client-policy table present").isPositive();
        List<Row> rows = new ArrayList<>();
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String[] cells = lines.get(i).split("\\|");
            rows.add(new Row(cells[1].trim(), ErrorClass.valueOf(cells[2].trim())));
        }
        return rows;
    }

    @Test
    void everyCloseCodeAndStatusInTheTableIsClassifiedAsItsRowSays() throws Exception {
        int checked = 0;
        for (Row row : rows()) {
            Matcher close = CLOSE.matcher(row.trigger());
            while (close.find()) {
                int code = Integer.parseInt(close.group(1));
                assertThat(FailureClassifier.ofClose(code, "").type()).as("close %d", code).isEqualTo(row.type());
                checked++;
            }
            Matcher http = HTTP.matcher(row.trigger());
            while (http.find()) {
                int status = Integer.parseInt(http.group(1));
                String reason = "Invalid status code received: " + status + " Status line: HTTP/1.1 " + status + " X";
                assertThat(FailureClassifier.ofClose(1002, reason).type()).as("upgrade refused %d", status).isEqualTo(row.type());
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(20);
    }

    @Test
    void everyErrorClassHasARow() throws Exception {
        assertThat(rows()).extracting(Row::type).containsExactlyInAnyOrder(ErrorClass.values());
    }
}
