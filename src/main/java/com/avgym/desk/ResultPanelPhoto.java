package com.avgym.desk;

import com.avgym.desk.viewmodel.MemberCard;
import com.avgym.desk.viewmodel.MemberCardViewModel;
import com.avgym.desk.viewmodel.PhotoLoader;
import javafx.beans.value.ChangeListener;
import javafx.scene.image.Image;

/**
 * Puts the scanned member's photo into the result panel. A scan's answer names the member by number only; the
 * member card follows every scan and loads the member, so once the card shows the number the panel shows, the
 * card's member id names the photo. Until then (and for an unknown card) the panel keeps its initials.
 */
final class ResultPanelPhoto {
    private final ResultPanel panel;
    private final MemberCardViewModel card;
    private final MemberPhotoView loader;
    private final Runnable onCard = this::update;
    private final ChangeListener<String> onKey = (o, old, key) -> update();
    private final ChangeListener<Image> onImage = (o, old, image) -> mirror(image);

    ResultPanelPhoto(ResultPanel panel, MemberCardViewModel card, PhotoLoader photos) {
        this.panel = panel;
        this.card = card;
        this.loader = new MemberPhotoView(photos, 44); // never shown: it loads and decodes off the UI thread
        card.addListener(onCard);
        panel.photoKeyProperty().addListener(onKey);
        loader.imageProperty().addListener(onImage);
        update();
    }

    private void mirror(Image image) {
        if (matches()) {
            panel.photo().setImage(image);
        }
    }

    private boolean matches() {
        String key = panel.photoKeyProperty().get();
        MemberCard shown = card.card();
        return key != null && shown != null && key.equalsIgnoreCase(shown.number()) && card.memberId() != null;
    }

    private void update() {
        boolean same = matches();
        loader.show(same ? card.memberId() : null);
        panel.photo().setImage(same ? loader.image() : null);
    }

    void dispose() {
        card.removeListener(onCard);
        panel.photoKeyProperty().removeListener(onKey);
        loader.imageProperty().removeListener(onImage);
    }
}
