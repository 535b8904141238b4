package com.avgym.desk.viewmodel;

import java.util.List;

/**
 * What the banner shows at one instant. {@code compact} is the LIVE chip (a small green "Live" instead of a
 * full-width bar); {@code showPendingList} asks the view to list the queued scans (OFFLINE).
 */
public record BannerView(boolean visible, boolean compact, BannerSeverity severity, String text, BannerAction action,
                         boolean showPendingList, List<String> details) {
    public BannerView {
        details = List.copyOf(details);
    }

    static BannerView hidden() {
        return new BannerView(false, false, BannerSeverity.INFO, "", BannerAction.NONE, false, List.of());
    }
}
