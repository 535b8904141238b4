package com.avgym.desk;

import com.avgym.desk.viewmodel.PanelResult;
import com.avgym.desk.viewmodel.ResultPanelModel;
import com.avgym.desk.viewmodel.ScanResult;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.animation.FadeTransition;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.util.Duration;

/**
 * The check-in desk's big result panel, readable from a metre away: a colour per answer, what happened, the
 * member's name and photo (initials until a photo is set), the number as read, the time of the answer and what
 * to do, with "Let in anyway" for an expired or inactive member. An answer's colour fades to neutral when the
 * view-model says it is old; the next scan replaces it.
 *
 * <p>{@link #photo()} is the photo slot: whoever loads member photos sets its image for {@link #photoKeyProperty()}
 * (the membership number of the answer shown); the initials show while it has none.
 */
final class ResultPanel {
    private static final List<String> TONES = Arrays.stream(PanelResult.Tone.values())
            .map(ResultPanel::toneClass).toList();
    private static final List<String> LINE_CLASSES = Arrays.stream(ScanResult.Status.values())
            .map(s -> "result-" + s.name().toLowerCase(Locale.ROOT)).toList();
    private static final Duration FADE = Duration.millis(800);

    private final StackPane root = new StackPane();
    private final Region colour = new Region();
    private final Label headline = label("result-headline");
    private final Label name = label("result-name");
    /** The advice line; keeps the old result line's id and result-* class, which the desk's tests read. */
    private final Label advice = label("scan-result");
    private final Label number = label("result-number");
    private final Label time = label("result-time");
    private final Label initials = label("result-initials");
    private final ImageView photo = new ImageView();
    private final Button letIn = new Button("Let in anyway");
    private final ToggleButton sound = new ToggleButton();
    private final ReadOnlyStringWrapper photoKey = new ReadOnlyStringWrapper(this, "photoKey");
    private final FadeTransition fading = new FadeTransition(FADE, colour);
    private final ResultPanelModel model;
    private final Supplier<ScanResult> line;
    private final Consumer<PanelResult> renderer = this::render;

    /** {@code line}: the result line's status, for the advice label's result-* class. */
    ResultPanel(ResultPanelModel model, Supplier<ScanResult> line, OverrideDialog.Opener override, SoundSetting setting) {
        this.model = model;
        this.line = line;
        root.setId("result-panel");
        root.getStyleClass().add("result-panel");
        colour.getStyleClass().add("result-colour");
        colour.setMouseTransparent(true);
        advice.setWrapText(true);
        name.setWrapText(true);
        letIn.setId("let-in");
        letIn.getStyleClass().add("let-in");
        letIn.setOnAction(e -> {
            String n = model.shown().photoKey();
            if (n != null) {
                override.open(root, n, model.shown().name());
            }
        });
        sound.setId("sound-toggle");
        sound.getStyleClass().add("sound-toggle");
        sound.setSelected(!setting.muted());
        sound.setText(sound.isSelected() ? "Sound on" : "Sound off");
        sound.selectedProperty().addListener((o, was, on) -> {
            setting.setMuted(!on);
            sound.setText(on ? "Sound on" : "Sound off");
        });
        fading.setToValue(0);

        Circle disc = new Circle(44);
        disc.getStyleClass().add("result-photo-disc");
        photo.setId("result-photo");
        photo.setFitWidth(88);
        photo.setFitHeight(88);
        photo.setPreserveRatio(true);
        photo.setClip(new Circle(44, 44, 44));
        StackPane portrait = new StackPane(disc, initials, photo);
        portrait.setMinSize(88, 88);
        portrait.setMaxSize(88, 88);
        // The initials stand in for the photo until one is set.
        initials.visibleProperty().bind(photo.imageProperty().isNull());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(12, headline, spacer, sound);
        top.setAlignment(Pos.CENTER_LEFT);
        HBox meta = new HBox(16, number, time);
        VBox words = new VBox(4, top, name, advice, meta, letIn);
        HBox.setHgrow(words, Priority.ALWAYS);
        HBox content = new HBox(18, portrait, words);
        content.setAlignment(Pos.CENTER_LEFT);
        content.setPadding(new Insets(16, 20, 16, 20));
        root.getChildren().addAll(colour, content);
        model.addListener(renderer);
        render(model.shown());
    }

    Parent root() {
        return root;
    }

    /** The photo slot; its image is set by whoever loads member photos (see the class comment). */
    ImageView photo() {
        return photo;
    }

    /** The membership number of the answer shown (null when none): what a photo is looked up by. */
    ReadOnlyStringProperty photoKeyProperty() {
        return photoKey.getReadOnlyProperty();
    }

    void dispose() {
        model.removeListener(renderer);
        fading.stop();
    }

    private void render(PanelResult p) {
        root.getStyleClass().removeAll(TONES);
        root.getStyleClass().add(toneClass(p.tone()));
        Nodes.styleIf(root, "result-faded", p.faded());
        advice.getStyleClass().removeAll(LINE_CLASSES);
        advice.getStyleClass().add("result-" + line.get().status().name().toLowerCase(Locale.ROOT));
        headline.setText(p.headline());
        name.setText(p.name());
        Nodes.show(name, !p.name().isEmpty());
        advice.setText(p.advice());
        number.setText(p.numberRead());
        time.setText(p.answeredAt());
        initials.setText(p.initials());
        if (!java.util.Objects.equals(photoKey.get(), p.photoKey())) {
            photo.setImage(null);
            photoKey.set(p.photoKey());
        }
        Nodes.show(letIn, p.overridable());
        if (p.faded()) {
            fading.setFromValue(colour.getOpacity());
            fading.playFromStart();
        } else {
            fading.stop();
            colour.setOpacity(1);
        }
    }

    private static String toneClass(PanelResult.Tone tone) {
        return "panel-" + tone.name().toLowerCase(Locale.ROOT);
    }

    private static Label label(String id) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add(id);
        return l;
    }
}
