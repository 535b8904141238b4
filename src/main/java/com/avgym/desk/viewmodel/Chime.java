package com.avgym.desk.viewmodel;

/** Plays the desk's short sound for an answer. The app plays bundled WAVs (unless muted); tests record the cues. */
@FunctionalInterface
public interface Chime {
    enum Cue { ADMITTED, REFUSED, QUEUED }

    /** Called on the UI thread; must neither block nor throw. */
    void play(Cue cue);

    Chime SILENT = cue -> { };
}
