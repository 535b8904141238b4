package com.avgym.desk;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.protocol.message.MemberView;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Member search and the member card on the check-in tab, against a real server and connection service. */
@Tag("ui")
@EnabledIfEnvironmentVariable(named = "DISPLAY", matches = ".+")
@ExtendWith(ApplicationExtension.class)
class MemberCardUiTest extends DeskUiTestBase {
    @Start
    void start(Stage stage) throws Exception {
        startApp(stage);
    }

    @Test
    void searchSuggestsAsYouTypeAndPickingShowsTheCardWhoseCheckInTheServerConfirms(FxRobot robot) throws Exception {
        signIn(robot);
        robot.clickOn("#member-search").write("M004");

        @SuppressWarnings("unchecked")
        ListView<MemberView> list = robot.lookup("#member-suggestions").queryAs(ListView.class);
        waitFor(() -> list.isVisible() && list.getItems().size() >= 2);
        assertThat(list.getItems()).allSatisfy(m -> assertThat(m.membershipNumber()).startsWith("M004"));
        MemberView picked = list.getItems().stream().filter(m -> m.membershipCurrent() && "active".equals(m.status()))
                .findFirst().orElseThrow();
        robot.clickOn(cellOf(robot, picked));

        Label number = label(robot, "#card-number");
        waitFor(() -> number.isVisible() && picked.membershipNumber().equals(number.getText()));
        assertThat(label(robot, "#card-name").getText()).isEqualTo(picked.fullName());
        assertThat(label(robot, "#card-standing").getText()).isEqualTo("Active");
        assertThat(label(robot, "#card-plan").getText()).isEqualTo(picked.planName());
        assertThat(label(robot, "#card-membership").getText()).startsWith("Membership ends ");
        assertThat(label(robot, "#card-presence").getText()).isEqualTo("Not in the gym");
        assertThat(list.isVisible()).as("the list closes on a pick").isFalse();

        robot.clickOn("#card-check-in");
        Label result = label(robot, "#card-result");
        waitFor(() -> result.getStyleClass().contains("result-success"));
        assertThat(result.getText()).isEqualTo("Checked in: " + picked.fullName());
        Label presence = label(robot, "#card-presence");
        waitFor(() -> presence.getText().startsWith("Inside since "));
        assertThat(server.rest().get("/api/members/by-number/" + picked.membershipNumber(), token).body()
                .path("openCheckInId").isTextual()).as("the server has the open visit").isTrue();
        screenshot("checkin-card");
    }

    @Test
    void expiredAndInactiveCardsOfferLetInAnywayInsteadOfCheckIn(FxRobot robot) throws TimeoutException {
        signIn(robot);

        pick(robot, "M0049");
        assertThat(label(robot, "#card-standing").getText()).isEqualTo("Expired");
        assertThat(label(robot, "#card-membership").getText()).startsWith("Membership expired on ");
        assertThat(robot.lookup("#card-check-in").queryButton().isVisible()).isFalse();
        assertThat(robot.lookup("#card-let-in").queryButton().isVisible()).isTrue();

        pick(robot, "M0050");
        assertThat(label(robot, "#card-standing").getText()).isEqualTo("Inactive");
        assertThat(robot.lookup("#card-check-in").queryButton().isVisible()).isFalse();
        robot.clickOn("#card-let-in");
        waitFor(() -> robot.lookup("#override-dialog").tryQuery().isPresent());
        robot.clickOn("#override-cancel");
        assertThat(server.rest().get("/api/members/by-number/M0050", token).body().path("openCheckInId").isTextual())
                .as("cancelled: nothing sent").isFalse();

        pick(robot, "M0001");
        assertThat(robot.lookup("#card-check-in").queryButton().isVisible()).isTrue();
        assertThat(robot.lookup("#card-let-in").queryButton().isVisible()).isFalse();
    }

    /** Types a full number into search and picks its one suggestion. */
    private static void pick(FxRobot robot, String number) throws TimeoutException {
        TextInputControl field = robot.lookup("#member-search").queryTextInputControl();
        robot.interact(field::clear);
        robot.clickOn(field).write(number);
        @SuppressWarnings("unchecked")
        ListView<MemberView> list = robot.lookup("#member-suggestions").queryAs(ListView.class);
        waitFor(() -> list.isVisible() && list.getItems().size() == 1
                && number.equals(list.getItems().getFirst().membershipNumber()));
        robot.clickOn(cellOf(robot, list.getItems().getFirst()));
        Label shown = label(robot, "#card-number");
        waitFor(() -> shown.isVisible() && number.equals(shown.getText()));
    }

    /** The list's cell for {@code member}, once the list has laid it out (a pulse after the items arrive). */
    private static ListCell<?> cellOf(FxRobot robot, MemberView member) throws TimeoutException {
        waitFor(() -> robot.lookup(".list-cell").match((ListCell<?> c) -> member.equals(c.getItem())).tryQuery()
                .isPresent());
        return robot.lookup(".list-cell").match((ListCell<?> c) -> member.equals(c.getItem())).queryAs(ListCell.class);
    }

}
