package com.avgym.desk;

import com.avgym.client.MemberPhoto;
import com.avgym.desk.viewmodel.PhotoLoader;
import java.io.ByteArrayInputStream;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Rectangle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member's photo at a given size, for the card, history rows and the result panel: {@link #show} with a member
 * id; a neutral square while there is none. The bytes come through {@link PhotoLoader} and are decoded off the UI
 * thread; a late answer for a member no longer shown is dropped.
 */
final class MemberPhotoView {
    private static final Logger log = LoggerFactory.getLogger(MemberPhotoView.class);
    private final StackPane root = new StackPane();
    private final ImageView image = new ImageView();
    private final double size;
    private final PhotoLoader loader;
    private String memberId;
    /** Read on the loader's thread to skip decoding a photo already shown. */
    private volatile String shownEtag;

    MemberPhotoView(PhotoLoader loader, double size) {
        this.loader = loader;
        this.size = size;
        Rectangle placeholder = new Rectangle(size, size);
        placeholder.getStyleClass().add("photo-placeholder");
        placeholder.setArcWidth(size / 8);
        placeholder.setArcHeight(size / 8);
        image.setFitWidth(size);
        image.setFitHeight(size);
        image.setPreserveRatio(true);
        Rectangle clip = new Rectangle(size, size);
        clip.setArcWidth(size / 8);
        clip.setArcHeight(size / 8);
        image.setClip(clip);
        root.getStyleClass().add("member-photo");
        root.setMinSize(size, size);
        root.setPrefSize(size, size);
        root.setMaxSize(size, size);
        root.getChildren().addAll(placeholder, image);
    }

    Node root() {
        return root;
    }

    /** The image shown now, or null (tests check it). */
    Image image() {
        return image.getImage();
    }

    /** The image shown, as a property: the result panel mirrors it into its own round slot. */
    javafx.beans.property.ReadOnlyObjectProperty<Image> imageProperty() {
        return image.imageProperty();
    }

    /** Shows this member's photo (null: none); on the UI thread. */
    void show(String id) {
        if (id == null ? memberId == null : id.equals(memberId)) {
            if (id != null) {
                load(id);
            }
            return;
        }
        memberId = id;
        shownEtag = null;
        image.setImage(null);
        if (id == null) {
            return;
        }
        loader.cached(id).ifPresent(p -> set(p, decode(p)));
        load(id);
    }

    private void load(String id) {
        loader.load(id).thenApply(p -> p.map(photo -> new Decoded(photo,
                        photo.etag() != null && photo.etag().equals(shownEtag) ? null : decode(photo))))
                .thenAccept(d -> Platform.runLater(() -> {
                    if (!id.equals(memberId)) {
                        return;
                    }
                    if (d.isEmpty()) {
                        image.setImage(null);
                        shownEtag = null;
                    } else if (d.get().image() != null) {
                        set(d.get().photo(), d.get().image());
                    }
                }))
                .exceptionally(e -> {
                    log.info("photo of member {} not shown: {}", id, e.toString());
                    return null;
                });
    }

    private void set(MemberPhoto photo, Image decoded) {
        shownEtag = photo.etag();
        image.setImage(decoded);
    }

    private Image decode(MemberPhoto photo) {
        // Decoded at the size shown: a 256 px photo in a 32 px history row should not keep 256 px in memory.
        double px = Math.min(256, size * 2);
        return new Image(new ByteArrayInputStream(photo.jpeg()), px, px, true, true);
    }

    private record Decoded(MemberPhoto photo, Image image) {
    }
}
