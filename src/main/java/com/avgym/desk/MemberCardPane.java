package com.avgym.desk;

import com.avgym.desk.viewmodel.MemberCard;
import com.avgym.desk.viewmodel.MemberCardViewModel;
import com.avgym.desk.viewmodel.PhotoLoader;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The member card: who, which plan until when, in or out now, and Check in / Check out for this member. */
final class MemberCardPane {
    private final VBox root = new VBox(8);
    private final VBox details = new VBox(6);
    private final Label name = label("card-name", "card-name");
    private final Label standing = label("card-standing", "chip");
    private final Label number = label("card-number", "card-line");
    private final Label plan = label("card-plan", "card-line");
    private final Label membership = label("card-membership", "card-line");
    private final Label presence = label("card-presence", "card-line");
    private final Label result = label("card-result", "card-result");
    private final Label message = label("card-message", "muted");
    private final Button checkIn = new Button("Check in");
    private final Button checkOut = new Button("Check out");
    private final Button letIn = new Button("Let in anyway");
    private final MemberCardViewModel vm;
    private final MemberPhotoView photo;
    private final Runnable renderer = this::render;

    MemberCardPane(MemberCardViewModel vm, PhotoLoader photos, OverrideDialog.Opener override) {
        this.vm = vm;
        this.photo = new MemberPhotoView(photos, 96);
        photo.root().setId("card-photo");
        root.setId("member-card");
        root.getStyleClass().add("member-card");
        checkIn.setId("card-check-in");
        checkOut.setId("card-check-out");
        checkIn.setOnAction(e -> vm.checkIn());
        checkOut.setOnAction(e -> vm.checkOut());
        letIn.setId("card-let-in");
        letIn.getStyleClass().add("let-in");
        letIn.setOnAction(e -> {
            MemberCard card = vm.card();
            if (card != null) {
                override.open(root, card.number(), card.name());
            }
        });
        result.setWrapText(true);
        message.setWrapText(true);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(10, name, spacer, standing);
        top.setAlignment(Pos.CENTER_LEFT);
        HBox buttons = new HBox(8, checkIn, letIn, checkOut);
        VBox lines = new VBox(6, number, plan, membership, presence);
        HBox.setHgrow(lines, Priority.ALWAYS);
        HBox who = new HBox(12, photo.root(), lines);
        details.getChildren().addAll(top, who, buttons, result);
        root.getChildren().addAll(message, details);
        HBox.setHgrow(root, Priority.ALWAYS);
        vm.addListener(renderer);
        render();
    }

    Parent root() {
        return root;
    }

    /** The card's photo (tests check what it shows). */
    MemberPhotoView photo() {
        return photo;
    }

    void dispose() {
        vm.removeListener(renderer);
    }

    private void render() {
        MemberCard card = vm.card();
        String note = card == null && vm.message().isEmpty() ? "Pick a member from the search or scan a card."
                : vm.message();
        message.setText(note);
        Nodes.show(message, !note.isEmpty());
        Nodes.show(details, card != null);
        if (card == null) {
            return;
        }
        photo.show(vm.memberId());
        name.setText(card.name());
        number.setText(card.number());
        plan.setText(card.plan());
        membership.setText(card.membership());
        presence.setText(card.presence());
        standing.setText(card.standing());
        Nodes.styleIf(standing, "chip-ok", !card.expired() && !card.inactive());
        Nodes.styleIf(standing, "chip-bad", card.expired() || card.inactive());
        Nodes.styleIf(membership, "card-warning", card.expired());
        Nodes.styleIf(presence, "card-inside", card.inside());
        ResultStyles.show(result, vm.result());
        Nodes.show(result, !vm.result().text().isEmpty());
        // An expired or inactive member would only be refused: the card offers "Let in anyway" (with a reason) instead.
        boolean refused = card.expired() || card.inactive();
        Nodes.show(checkIn, !refused);
        Nodes.show(letIn, refused);
        checkIn.setDisable(vm.busy() || card.inside());
        letIn.setDisable(vm.busy() || card.inside());
        checkOut.setDisable(vm.busy() || !card.inside());
    }

    private static Label label(String id, String styleClass) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add(styleClass);
        return l;
    }
}
