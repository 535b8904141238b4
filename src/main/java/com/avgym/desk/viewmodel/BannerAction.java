package com.avgym.desk.viewmodel;

/** The one button the banner offers, if any. */
public enum BannerAction {
    NONE(""),
    RETRY_NOW("Retry now"),
    TRY_REAL_TIME("Try real-time"),
    SIGN_IN("Sign in");

    private final String label;

    BannerAction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
