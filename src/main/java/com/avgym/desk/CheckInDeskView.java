package com.avgym.desk;

import com.avgym.desk.viewmodel.CheckInDeskViewModel;
import com.avgym.desk.viewmodel.MemberCardViewModel;
import com.avgym.desk.viewmodel.MemberSearchViewModel;
import com.avgym.desk.viewmodel.PhotoLoader;
import com.avgym.desk.viewmodel.RecentScans;
import com.avgym.desk.viewmodel.ScanResult;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The check-in desk: number field, Check in / Check out, and the big result panel ({@link ResultPanel}) of
 * {@link CheckInDeskViewModel}; below them member search and the member card.
 */
final class CheckInDeskView implements DeskView {
    private final VBox root = new VBox(12);
    private final TextField number = new TextField();
    private final ResultPanel result;
    private final ResultPanelPhoto resultPhoto;
    private final Button checkOutVisit = new Button("Check out this visit");
    private final CheckInDeskViewModel vm;
    private final MemberSearchBox search;
    private final MemberCardPane card;
    private final RecentScansStrip strip;
    private final java.util.function.Consumer<ScanResult> renderer = this::render;
    private boolean syncing;

    CheckInDeskView(CheckInDeskViewModel vm, MemberSearchViewModel searchVm, MemberCardViewModel cardVm,
                    SoundSetting sound, PhotoLoader photos, RecentScans recent) {
        this.vm = vm;
        this.result = new ResultPanel(vm.panel(), vm::result, OverrideDialog.sendingTo(vm::letIn), sound);
        Label heading = new Label("Check-in desk");
        heading.getStyleClass().add("title");
        number.setId("scanner-field");
        // Its text is nothing but the number: Enter there sends all of it, however a busy UI thread timed the keys.
        KeyboardWedgeFilter.markScannerField(number);
        number.setPromptText("Scan or type a membership number");
        number.setPrefColumnCount(20);
        HBox.setHgrow(number, Priority.ALWAYS);
        Button checkIn = new Button("Check in");
        checkIn.setId("check-in");
        Button checkOut = new Button("Check out");
        checkOut.setId("check-out");
        checkOutVisit.setId("check-out-visit");

        // The field's text is the view-model's number; the view-model clears it after a scan is sent.
        number.textProperty().addListener((o, was, now) -> {
            if (!syncing) {
                vm.setNumber(now);
            }
        });
        number.setOnAction(e -> vm.checkIn());
        checkIn.setOnAction(e -> {
            vm.checkIn();
            number.requestFocus();
        });
        checkOut.setOnAction(e -> {
            vm.checkOut();
            number.requestFocus();
        });
        checkOutVisit.setOnAction(e -> vm.checkOutOpenVisit());
        vm.addListener(renderer);

        search = new MemberSearchBox(searchVm);
        card = new MemberCardPane(cardVm, photos, OverrideDialog.sendingTo((number, reason) -> cardVm.letIn(reason)));
        Label lookup = new Label("Find a member");
        lookup.getStyleClass().add("subtitle");
        // Search above the card on the left, the last scans beside them: at 1024x768 all ten rows stay in view.
        VBox members = new VBox(8, lookup, search.root(), card.root());
        members.setMinWidth(Region.USE_PREF_SIZE);

        resultPhoto = new ResultPanelPhoto(result, cardVm, photos);
        HBox row = new HBox(8, number, checkIn, checkOut);
        strip = new RecentScansStrip(recent);
        HBox lower = new HBox(16, members, strip.root());
        lower.setAlignment(Pos.TOP_LEFT);
        HBox.setHgrow(strip.root(), Priority.ALWAYS);
        VBox.setVgrow(lower, Priority.ALWAYS);
        root.getChildren().addAll(heading, row, result.root(), checkOutVisit, new Separator(), lower);
        root.setPadding(new Insets(24));
        render(vm.result());
    }

    @Override
    public Parent root() {
        return root;
    }

    @Override
    public void dispose() {
        vm.removeListener(renderer);
        resultPhoto.dispose();
        result.dispose();
        search.dispose();
        card.dispose();
        strip.dispose();
    }

    private void render(ScanResult r) {
        syncing = true;
        try {
            if (!number.getText().equals(vm.number())) {
                number.setText(vm.number());
            }
        } finally {
            syncing = false;
        }
        Nodes.show(checkOutVisit, r.openCheckInId() != null);
    }
}
