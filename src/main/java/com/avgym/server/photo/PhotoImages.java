package com.avgym.server.photo;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Turns an uploaded JPEG or PNG into the one stored form: a 256x256 JPEG, centre-cropped to a square. The
 * upload is decoded and drawn anew, so nothing of the original file (metadata, trailing bytes) is kept.
 * Also draws the demo members' initials avatars in the same form.
 */
public final class PhotoImages {
    public static final int SIZE = 256;
    /** Larger sources are refused before decoding: a small PNG can claim a huge canvas. */
    static final int MAX_SOURCE_PIXELS = 40_000_000;
    private static final float QUALITY = 0.85f;
    private static final Color[] AVATAR_COLOURS = {new Color(0x1E88E5), new Color(0x43A047), new Color(0xE53935),
            new Color(0x8E24AA), new Color(0xFB8C00), new Color(0x00897B), new Color(0x3949AB), new Color(0x6D4C41)};

    /** The upload was not a JPEG or PNG this server can decode. */
    public static final class NotAnImage extends Exception {
        NotAnImage(String message) {
            super(message, null, false, false);
        }
    }

    static {
        // Decode in memory: no temp files for uploads.
        ImageIO.setUseCache(false);
    }

    private PhotoImages() {
    }

    /** Decodes a JPEG or PNG, crops its centre square and encodes it as a 256x256 JPEG. */
    public static byte[] normalize(byte[] upload) throws NotAnImage {
        BufferedImage source = decode(upload);
        int side = Math.min(source.getWidth(), source.getHeight());
        int x = (source.getWidth() - side) / 2;
        int y = (source.getHeight() - side) / 2;
        BufferedImage out = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            // A transparent PNG gets a white background, not JPEG's black.
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, SIZE, SIZE);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, SIZE, SIZE, x, y, x + side, y + side, null);
        } finally {
            g.dispose();
        }
        return jpeg(out);
    }

    /** A coloured circle with the member's initials, the colour fixed by the name. */
    public static byte[] initials(String fullName) {
        String letters = Arrays.stream(fullName.trim().split("\\s+")).filter(w -> !w.isEmpty())
                .map(w -> w.substring(0, 1).toUpperCase(Locale.ROOT)).limit(2).collect(Collectors.joining());
        BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(new Color(0xF2F2F2));
            g.fillRect(0, 0, SIZE, SIZE);
            g.setColor(AVATAR_COLOURS[Math.floorMod(fullName.hashCode(), AVATAR_COLOURS.length)]);
            g.fillOval(8, 8, SIZE - 16, SIZE - 16);
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 104));
            FontMetrics m = g.getFontMetrics();
            g.drawString(letters, (SIZE - m.stringWidth(letters)) / 2, (SIZE - m.getHeight()) / 2 + m.getAscent());
        } finally {
            g.dispose();
        }
        return jpeg(img);
    }

    private static BufferedImage decode(byte[] upload) throws NotAnImage {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(upload))) {
            var readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new NotAnImage("the body is not a JPEG or PNG image");
            }
            ImageReader reader = readers.next();
            try {
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (!format.equals("jpeg") && !format.equals("png")) {
                    throw new NotAnImage("only JPEG and PNG photos are accepted, not " + format);
                }
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels <= 0 || pixels > MAX_SOURCE_PIXELS) {
                    throw new NotAnImage("the image is too large to decode (" + reader.getWidth(0) + "x"
                            + reader.getHeight(0) + ")");
                }
                BufferedImage img = reader.read(0);
                if (img == null) {
                    throw new NotAnImage("the image could not be decoded");
                }
                return img;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // ImageIO reports a truncated or corrupt file as IIOException or, for some, as a runtime exception.
            throw new NotAnImage("the image could not be decoded");
        }
    }

    private static byte[] jpeg(BufferedImage img) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 * 1024);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY);
            writer.write(null, new IIOImage(img, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode JPEG", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
