package com.avgym.desk;

import com.avgym.desk.viewmodel.Chime;
import java.net.URL;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.scene.media.AudioClip;
import javafx.scene.media.Media;
import javafx.scene.media.MediaPlayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the bundled WAV of each answer (resources/com/avgym/desk/sounds) with JavaFX's AudioClip, unless muted.
 * The clips are loaded off the UI thread; until then, and on a desk without sound (no audio device, no media
 * library: Xvfb in CI), an answer is simply silent: nothing here throws into the UI or waits on it. Whether sound
 * works is tried once, while loading, with a player that is thrown away.
 */
final class SoundChime implements Chime {
    private static final Logger log = LoggerFactory.getLogger(SoundChime.class);
    private final SoundSetting setting;
    private final Map<Cue, AudioClip> clips = new EnumMap<>(Cue.class);
    private final AtomicBoolean broken = new AtomicBoolean();
    private int played;

    SoundChime(SoundSetting setting) {
        this.setting = setting;
    }

    /** Loads the three clips on a daemon thread; they are handed to the UI thread when ready. */
    SoundChime load() {
        Thread loader = new Thread(() -> {
            Map<Cue, AudioClip> loaded = new EnumMap<>(Cue.class);
            try {
                for (Cue cue : Cue.values()) {
                    URL url = SoundChime.class.getResource("sounds/" + cue.name().toLowerCase(java.util.Locale.ROOT) + ".wav");
                    if (url == null) {
                        throw new IllegalStateException("sound for " + cue + " is not bundled");
                    }
                    loaded.put(cue, new AudioClip(url.toExternalForm()));
                }
                probe(SoundChime.class.getResource("sounds/queued.wav").toExternalForm());
                Platform.runLater(() -> clips.putAll(loaded));
            } catch (RuntimeException | LinkageError e) {
                silence("cannot load the answer sounds", e);
            }
        }, "avgym-sounds");
        loader.setDaemon(true);
        loader.start();
        return this;
    }

    /**
     * AudioClip.play reports a missing audio device (Xvfb, a desk PC without sound) only on the media library's
     * own thread, as an uncaught exception. A player created here fails the same way, but at once and here.
     */
    private static void probe(String url) {
        MediaPlayer player = new MediaPlayer(new Media(url));
        player.dispose();
    }

    @Override
    public void play(Cue cue) {
        if (setting.muted() || broken.get()) {
            return;
        }
        AudioClip clip = clips.get(cue);
        if (clip == null) {
            return;
        }
        try {
            // Plays asynchronously on the media library's own thread; stop() first so a fast queue never overlaps.
            clip.stop();
            clip.play();
            played++;
        } catch (RuntimeException | LinkageError e) {
            silence("cannot play the answer sound", e);
        }
    }

    /** Clips started since the desk opened (the UI test's proof that sounds were loaded and asked to play). */
    int played() {
        return played;
    }

    boolean loaded() {
        return clips.size() == Cue.values().length;
    }

    private void silence(String what, Throwable e) {
        if (broken.compareAndSet(false, true)) {
            log.warn("{}; the desk stays silent: {}", what, e.toString());
        }
    }
}
