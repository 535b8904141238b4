package com.avgym.desk;

import com.avgym.desk.viewmodel.KioskScreen;
import com.avgym.desk.viewmodel.KioskStatus;
import com.avgym.desk.viewmodel.KioskViewModel;
import com.avgym.desk.viewmodel.PhotoLoader;
import java.util.Locale;
import javafx.animation.Animation;
import javafx.animation.TranslateTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.util.Duration;

/**
 * The kiosk's member-facing screen: "Scan your card" with the gym's name and the clock; a result filling the whole
 * screen in its colour (the photo on a welcome); a dimmed attract screen whose text drifts slowly so it does not
 * burn into the panel. A small dot in the corner is all a member sees of the connection. Draws {@link KioskViewModel}.
 */
final class KioskView {
    private static final double PHOTO = 240;
    private final StackPane root = new StackPane();
    private final VBox ready = new VBox(24);
    private final VBox result = new VBox(28);
    private final StackPane attract = new StackPane();
    private final VBox attractText = new VBox(12);
    private final Label clock = new Label();
    private final Label date = new Label();
    private final Label headline = new Label();
    private final Label detail = new Label();
    private final Circle dot = new Circle(7);
    private final Label waiting = new Label();
    private final MemberPhotoView photo;
    private final TranslateTransition drift = new TranslateTransition(Duration.seconds(40));
    private final KioskViewModel model;

    KioskView(KioskViewModel model, String gymName, PhotoLoader photos) {
        this.model = model;
        this.photo = new MemberPhotoView(photos, PHOTO);
        root.getStyleClass().add("kiosk");
        root.setId("kiosk");

        Label gym = styled(new Label(gymName), "kiosk-gym", "kiosk-gym");
        Label prompt = styled(new Label("Scan your card"), "kiosk-prompt", "kiosk-prompt");
        styled(clock, "kiosk-clock", "kiosk-clock");
        styled(date, "kiosk-date", "kiosk-date");
        ready.getChildren().addAll(gym, prompt, clock, date);
        ready.setAlignment(Pos.CENTER);

        styled(headline, "kiosk-headline", "kiosk-headline");
        styled(detail, "kiosk-detail", "kiosk-detail");
        headline.setMaxWidth(Double.MAX_VALUE);
        headline.setAlignment(Pos.CENTER);
        photo.root().setId("kiosk-photo");
        result.getChildren().addAll(photo.root(), headline, detail);
        result.setAlignment(Pos.CENTER);
        result.setId("kiosk-result");
        result.getStyleClass().add("kiosk-result");

        attractText.getChildren().addAll(styled(new Label(gymName), null, "kiosk-attract-gym"),
                styled(new Label("Scan your card to check in"), null, "kiosk-attract-prompt"));
        attractText.setAlignment(Pos.CENTER);
        attractText.setId("kiosk-attract-text");
        attractText.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        attract.getChildren().add(attractText);
        attract.getStyleClass().add("kiosk-attract");
        attract.setId("kiosk-attract");
        drift.setNode(attractText);
        drift.setFromX(-160);
        drift.setToX(160);
        drift.setFromY(-120);
        drift.setToY(120);
        drift.setAutoReverse(true);
        drift.setCycleCount(Animation.INDEFINITE);

        dot.setId("kiosk-dot");
        styled(waiting, "kiosk-waiting", "kiosk-waiting");
        HBox corner = new HBox(6, dot, waiting);
        corner.setAlignment(Pos.CENTER_RIGHT);
        corner.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        corner.setMouseTransparent(true);
        StackPane.setAlignment(corner, Pos.BOTTOM_RIGHT);
        StackPane.setMargin(corner, new Insets(12));

        root.getChildren().addAll(ready, result, attract, corner);
        model.onChange(this::render);
        render();
    }

    Parent root() {
        return root;
    }

    private void render() {
        KioskScreen s = model.screen();
        clock.setText(model.time());
        date.setText(model.date());
        boolean showResult = s.kind() == KioskScreen.Kind.RESULT || s.kind() == KioskScreen.Kind.CHECKING;
        Nodes.show(ready, s.kind() == KioskScreen.Kind.READY);
        Nodes.show(result, showResult);
        Nodes.show(attract, s.kind() == KioskScreen.Kind.ATTRACT);
        if (s.kind() == KioskScreen.Kind.ATTRACT) {
            if (drift.getStatus() != Animation.Status.RUNNING) {
                drift.play();
            }
        } else {
            drift.stop();
        }
        if (showResult) {
            for (KioskScreen.Tone t : KioskScreen.Tone.values()) {
                Nodes.styleIf(result, toneClass(t), t == s.tone());
            }
            headline.setText(s.kind() == KioskScreen.Kind.CHECKING ? "One moment..." : s.headline());
            detail.setText(s.detail());
            photo.show(s.memberId());
            Nodes.show(photo.root(), s.memberId() != null);
        }
        KioskStatus st = model.status();
        for (KioskStatus.Dot d : KioskStatus.Dot.values()) {
            Nodes.styleIf(dot, "kiosk-dot-" + d.name().toLowerCase(Locale.ROOT), d == st.dot());
        }
        waiting.setText(st.text());
    }

    static String toneClass(KioskScreen.Tone tone) {
        return "tone-" + tone.name().toLowerCase(Locale.ROOT);
    }

    private static Label styled(Label label, String id, String styleClass) {
        if (id != null) {
            label.setId(id);
        }
        label.getStyleClass().add(styleClass);
        return label;
    }
}
