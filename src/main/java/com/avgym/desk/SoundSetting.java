package com.avgym.desk;

import java.util.prefs.Preferences;

/**
 * Whether this desk plays its answer sounds, kept across restarts in the user's Java preferences (node
 * {@code /com/avgym/desk}, or the one named by the system property {@code avgym.desk.prefs}, which tests set so
 * they never change a real desk's setting). Reading and writing a preference touch memory only; the JDK saves
 * them to disk on its own thread.
 */
final class SoundSetting {
    static final String NODE_PROPERTY = "avgym.desk.prefs";
    private static final String MUTED = "soundMuted";
    private final Preferences node;
    private boolean muted;

    SoundSetting(Preferences node) {
        this.node = node;
        this.muted = node.getBoolean(MUTED, false);
    }

    static SoundSetting forThisUser() {
        return new SoundSetting(Preferences.userRoot().node(System.getProperty(NODE_PROPERTY, "/com/avgym/desk")));
    }

    boolean muted() {
        return muted;
    }

    void setMuted(boolean muted) {
        this.muted = muted;
        node.putBoolean(MUTED, muted);
    }
}
