package com.avgym.desk.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Writes what a UI test sees to {@code target/screens/NAME.png}: the issue asks for current pictures of each
 * screen in each banner state, and a failing UI test is easier to read with one. {@code docs/screens/} holds
 * copies of these, refreshed by hand from a green run.
 */
public final class Screenshots {
    public static final Path DIR = Path.of("target", "screens");

    private Screenshots() {
    }

    public static Path save(Scene scene, String name) {
        try {
            WaitForAsyncUtils.waitForFxEvents();
            WritableImage image = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get(10, TimeUnit.SECONDS);
            Files.createDirectories(DIR);
            Path file = DIR.resolve(name + ".png");
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("snapshot of " + name + " failed", e);
        }
    }
}
