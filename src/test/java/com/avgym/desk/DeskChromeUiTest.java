package com.avgym.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.desk.support.Screenshots;
import com.avgym.desk.viewmodel.RecentScans;
import com.avgym.protocol.message.MemberView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The desk's chrome against a real server: the header names the signed-in user, the keyboard shortcuts and their
 * Help list, the last-scans strip, the member card's photo, and every tab at 1024x768 (no column narrower than its
 * header, every column named, whole-number chart ticks), with screenshots copied to docs/screens/.
 */
@Tag("ui")
@EnabledIfEnvironmentVariable(named = "DISPLAY", matches = ".+")
@ExtendWith(ApplicationExtension.class)
class DeskChromeUiTest extends DeskUiTestBase {
    private static final Path DOC_SCREENS = Path.of("docs", "screens");

    @Start
    void start(Stage stage) throws Exception {
        startApp(stage);
    }

    @Test
    void theHeaderNamesTheUserAndEachShortcutDoesWhatHelpSays(FxRobot robot) throws Exception {
        signIn(robot);
        assertThat(label(robot, "#signed-in-user").getText()).isEqualTo("Front Desk (desk), staff");
        TabPane tabs = robot.lookup("#main-tabs").queryAs(TabPane.class);

        robot.push(KeyCode.F3);
        waitFor(() -> "member-search".equals(focusedId(robot)));
        robot.push(KeyCode.F2);
        waitFor(() -> "scanner-field".equals(focusedId(robot)));
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT2);
        waitFor(() -> tabs.getSelectionModel().getSelectedIndex() == 1);
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT3);
        waitFor(() -> tabs.getSelectionModel().getSelectedIndex() == 2);
        robot.push(KeyCode.F3);
        waitFor(() -> tabs.getSelectionModel().getSelectedIndex() == 0 && "member-search".equals(focusedId(robot)));
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT3);
        waitFor(() -> tabs.getSelectionModel().getSelectedIndex() == 2);
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT1);
        waitFor(() -> tabs.getSelectionModel().getSelectedIndex() == 0);

        robot.push(KeyCode.F2);
        robot.write("M0031").type(KeyCode.ENTER);
        Label result = label(robot, "#result-headline");
        waitFor(() -> "Checked in".equals(result.getText()));
        robot.push(KeyCode.ESCAPE);
        waitFor(() -> "Ready".equals(result.getText()));
        assertThat(robot.lookup("#result-panel").query().getStyleClass()).doesNotContain("panel-admitted");
        assertThat(label(robot, "#scan-result").getStyleClass()).doesNotContain("result-success");
        // Ctrl+digits are not typed into the scanner: with the focus off the text fields, Enter sends nothing.
        robot.clickOn("#tab-dashboard");
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT1);
        waitFor(() -> tabs.getSelectionModel().getSelectedIndex() == 0);
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT2);
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT1);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(result.getText()).isEqualTo("Ready");
        assertThat(robot.lookup("#recent-scans").queryAs(TableView.class).getItems()).hasSize(1);

        robot.clickOn("#help-menu");
        robot.clickOn("Keyboard shortcuts");
        waitFor(() -> robot.lookup("#shortcuts-list").tryQuery().isPresent());
        GridPane list = robot.lookup("#shortcuts-list").queryAs(GridPane.class);
        List<String> texts = list.getChildren().stream().map(n -> ((Label) n).getText()).toList();
        assertThat(texts).contains("F2", "F3", "Ctrl+1", "Ctrl+2", "Ctrl+3", "Esc", "Clear the scan result");
        assertThat(texts).hasSize(DeskShortcuts.ALL.size() * 2);
        robot.type(KeyCode.ESCAPE);
    }

    @Test
    void theStripShowsTheLastTenScansNewestFirstWithTheirResults(FxRobot robot) throws Exception {
        signIn(robot);
        @SuppressWarnings("unchecked")
        TableView<RecentScans.Entry> strip = robot.lookup("#recent-scans").queryAs(TableView.class);
        assertThat(strip.getItems()).isEmpty();
        List<String> numbers = List.of("M0032", "M0049", "M0033", "M0034", "M0035", "M0036", "M0037", "M0038",
                "M0039", "M0040", "M0041", "M0042");
        for (String n : numbers) {
            robot.clickOn("#scanner-field").write(n).type(KeyCode.ENTER);
            waitFor(() -> !strip.getItems().isEmpty() && strip.getItems().getFirst().number().equals(n)
                    && strip.getItems().getFirst().status() != com.avgym.desk.viewmodel.ScanResult.Status.PENDING);
        }
        assertThat(strip.getItems()).hasSize(RecentScans.MAX);
        assertThat(strip.getItems()).extracting(RecentScans.Entry::number)
                .containsExactlyElementsOf(numbers.reversed().subList(0, RecentScans.MAX));
        assertThat(strip.getItems().getFirst().result()).isEqualTo("Checked in: " + memberName("M0042"));
        assertThat(strip.getItems().getFirst().time()).matches("\\d\\d:\\d\\d");
        String newest = memberName("M0042");
        waitFor(() -> strip.getItems().getFirst().name().equals(newest));
        assertThat(strip.getItems().get(9).number()).isEqualTo("M0033");

        // The expired one shows its refusal while it is among the last ten.
        String expired = memberName("M0049");
        robot.clickOn("#scanner-field").write("M0049").type(KeyCode.ENTER);
        waitFor(() -> strip.getItems().getFirst().number().equals("M0049")
                && strip.getItems().getFirst().result().contains("membership expired on ")
                && strip.getItems().getFirst().name().equals(expired));
        assertThat(strip.getItems()).hasSize(RecentScans.MAX);
    }

    @Test
    void theMemberCardShowsTheMembersPhoto(FxRobot robot) throws Exception {
        signIn(robot);
        robot.clickOn("#member-search").write("M0043");
        @SuppressWarnings("unchecked")
        ListView<MemberView> list = robot.lookup("#member-suggestions").queryAs(ListView.class);
        waitFor(() -> list.isVisible() && list.getItems().size() == 1);
        MemberView member = list.getItems().getFirst();
        waitFor(() -> robot.lookup(".list-cell").match((ListCell<?> c) -> member.equals(c.getItem())).tryQuery().isPresent());
        robot.clickOn(robot.lookup(".list-cell").match((ListCell<?> c) -> member.equals(c.getItem())).queryAs(ListCell.class));
        Label number = label(robot, "#card-number");
        waitFor(() -> number.isVisible() && "M0043".equals(number.getText()));
        Node photo = robot.lookup("#card-photo").query();
        ImageView image = robot.from(photo).lookup((Node n) -> n instanceof ImageView).queryAs(ImageView.class);
        waitFor(() -> image.getImage() != null && image.getImage().getProgress() >= 1.0);
        assertThat(image.getImage().isError()).isFalse();
        assertThat(image.getImage().getWidth()).isGreaterThan(0);
        // The demo avatar: a coloured disc, so the centre-left pixel is saturated, not the grey placeholder.
        var px = image.getImage().getPixelReader().getColor((int) (image.getImage().getWidth() * 0.15),
                (int) (image.getImage().getHeight() / 2));
        assertThat(px.getSaturation()).isGreaterThan(0.3);
        assertThat(photo.isVisible()).isTrue();
    }

    @Test
    void everyTabWorksAt1024x768(FxRobot robot) throws Exception {
        robot.interact(() -> {
            stage.setWidth(1024);
            stage.setHeight(768);
        });
        signIn(robot);
        checkInElsewhere("M0044");
        robot.clickOn("#scanner-field").write("M0045").type(KeyCode.ENTER);
        waitFor(() -> "Checked in".equals(label(robot, "#result-headline").getText()));
        assertThat(stage.getScene().getWidth()).isLessThanOrEqualTo(1024);
        assertColumnsFit(robot, "#recent-scans");
        TableView<?> recent = robot.lookup("#recent-scans").queryAs(TableView.class);
        javafx.geometry.Bounds strip = recent.localToScene(recent.getBoundsInLocal());
        assertThat(strip.getMaxY()).as("the last-scans strip ends inside the 768 px window")
                .isLessThanOrEqualTo(stage.getScene().getHeight());
        assertThat(strip.getHeight()).as("room for a header and all ten rows").isGreaterThanOrEqualTo(11 * 24);
        save("checkin-1024");

        robot.push(KeyCode.CONTROL, KeyCode.DIGIT2);
        waitFor(() -> robot.lookup("#hourly-chart").tryQuery().map(Node::isVisible).orElse(false));
        NumberAxis axis = (NumberAxis) robot.lookup("#hourly-chart").queryAs(javafx.scene.chart.BarChart.class).getYAxis();
        waitFor(() -> !axis.getTickMarks().isEmpty());
        assertThat(axis.getTickMarks()).allSatisfy(t -> {
            double v = t.getValue().doubleValue();
            assertThat(v).isEqualTo(Math.rint(v));
        });
        robot.lookup(".table-view").queryAll().forEach(t -> assertColumnsFit((TableView<?>) t));
        save("dashboard-1024");

        robot.push(KeyCode.CONTROL, KeyCode.DIGIT3);
        TableView<?> history = robot.lookup("#history-table").queryAs(TableView.class);
        waitFor(() -> history.isVisible() && history.getItems().size() >= 2);
        assertColumnsFit(robot, "#history-table");
        assertThat(((com.avgym.desk.viewmodel.HistoryRow) history.getItems().getFirst()).checkIn())
                .as("date and time").matches("\\d{1,2} [A-Z][a-z]{2}( \\d{4})? \\d\\d:\\d\\d");
        save("history-1024");
    }

    private static void assertColumnsFit(FxRobot robot, String table) {
        assertColumnsFit(robot.lookup(table).queryAs(TableView.class));
    }

    /** Every column has a header, and no header is cut: each column is at least as wide as its label wants. */
    private static void assertColumnsFit(TableView<?> table) {
        assertThat(table.getColumns()).allSatisfy(c -> assertThat(c.getText()).as("column header").isNotBlank());
        List<Node> headers = List.copyOf(table.lookupAll(".column-header"));
        assertThat(headers).as("header cells of %s", table.getId()).hasSizeGreaterThanOrEqualTo(table.getColumns().size());
        for (Node h : headers) {
            if (!h.getStyleClass().contains("column-header") || h.getStyleClass().contains("nested-column-header")) {
                continue;
            }
            Label label = (Label) h.lookup(".label");
            if (label == null || label.getText() == null || label.getText().isEmpty()) {
                continue;
            }
            assertThat(((Region) h).getWidth()).as("width of column '%s' in %s", label.getText(), table.getId())
                    .isGreaterThanOrEqualTo(label.prefWidth(-1));
        }
    }

    private void save(String name) throws Exception {
        Path file = Screenshots.save(stage.getScene(), name);
        Files.createDirectories(DOC_SCREENS);
        Files.copy(file, DOC_SCREENS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static String focusedId(FxRobot robot) {
        Node focus = robot.listTargetWindows().stream().filter(w -> w.isFocused() && w.getScene() != null)
                .map(w -> w.getScene().getFocusOwner()).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        return focus == null ? null : focus.getId();
    }
}
