import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws the AV-Gym Desk icon (a dumbbell with a check-in tick on a blue tile) and writes it in the three
 * formats jpackage wants, each into its platform's jpackage resource folder (where jpackage also takes it for
 * the package): {@code linux/avgym-desk.png} (256x256), {@code windows/avgym-desk.ico} and
 * {@code macos/avgym-desk.icns}. The kiosk launcher (avgym-kiosk) has the same icon under its own name, since jpackage
 * looks a launcher's icon up by the launcher's name: {@code linux/avgym-kiosk.png}, {@code windows/avgym-kiosk.ico}.
 * The files are committed; run this again only to change the drawing:
 *
 * <pre>java -Djava.awt.headless=true installer/MakeIcon.java installer</pre>
 */
public final class MakeIcon {

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "installer");
        Files.createDirectories(dir.resolve("linux"));
        Files.createDirectories(dir.resolve("windows"));
        Files.createDirectories(dir.resolve("macos"));
        Files.write(dir.resolve("linux/avgym-desk.png"), png(256));
        Files.write(dir.resolve("linux/avgym-kiosk.png"), png(256));

        // ICO: a directory of PNG images (Windows Vista and later read PNG entries); 256 is stored as 0.
        int[] icoSizes = {16, 24, 32, 48, 64, 128, 256};
        Map<Integer, byte[]> ico = new LinkedHashMap<>();
        for (int size : icoSizes) {
            ico.put(size, png(size));
        }
        Files.write(dir.resolve("windows/avgym-desk.ico"), ico(ico));
        Files.write(dir.resolve("windows/avgym-kiosk.ico"), ico(ico));

        // ICNS: PNG entries keyed by type: icp4 16, icp5 32, ic07 128, ic08 256, ic09 512, ic10 1024.
        Map<String, byte[]> icns = new LinkedHashMap<>();
        icns.put("icp4", png(16));
        icns.put("icp5", png(32));
        icns.put("ic07", png(128));
        icns.put("ic08", png(256));
        icns.put("ic09", png(512));
        icns.put("ic10", png(1024));
        Files.write(dir.resolve("macos/avgym-desk.icns"), icns(icns));
        System.out.println("wrote linux/avgym-{desk,kiosk}.png, windows/avgym-{desk,kiosk}.ico and macos/avgym-desk.icns in " + dir);
    }

    /** The drawing, on a 256-unit canvas scaled to {@code size} pixels. */
    static byte[] png(int size) throws IOException {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.scale(size / 256.0, size / 256.0);

        // tile: rounded square, deep blue to lighter blue
        g.setPaint(new GradientPaint(0, 8, new Color(0x1E3A8A), 0, 248, new Color(0x2563EB)));
        g.fill(new RoundRectangle2D.Double(8, 8, 240, 240, 56, 56));

        // dumbbell: bar, two inner plates and two outer plates, white
        g.setColor(Color.WHITE);
        g.fill(new RoundRectangle2D.Double(60, 100, 136, 16, 8, 8));
        g.fill(new RoundRectangle2D.Double(52, 64, 26, 88, 12, 12));
        g.fill(new RoundRectangle2D.Double(178, 64, 26, 88, 12, 12));
        g.fill(new RoundRectangle2D.Double(30, 80, 20, 56, 10, 10));
        g.fill(new RoundRectangle2D.Double(206, 80, 20, 56, 10, 10));

        // check-in badge: green disc with a white tick, lower right
        g.setColor(new Color(0x1E3A8A));
        g.fill(new Ellipse2D.Double(136, 136, 100, 100));
        g.setColor(new Color(0x22C55E));
        g.fill(new Ellipse2D.Double(144, 144, 84, 84));
        Path2D tick = new Path2D.Double();
        tick.moveTo(165, 187);
        tick.lineTo(180, 202);
        tick.lineTo(208, 170);
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(12, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(tick);
        g.dispose();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    static byte[] ico(Map<Integer, byte[]> images) {
        int headerSize = 6 + 16 * images.size();
        int total = headerSize + images.values().stream().mapToInt(b -> b.length).sum();
        ByteBuffer buf = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        buf.putShort((short) 0).putShort((short) 1).putShort((short) images.size());
        int offset = headerSize;
        for (Map.Entry<Integer, byte[]> e : images.entrySet()) {
            int size = e.getKey();
            buf.put((byte) (size >= 256 ? 0 : size)).put((byte) (size >= 256 ? 0 : size));
            buf.put((byte) 0).put((byte) 0);                      // no palette, reserved
            buf.putShort((short) 1).putShort((short) 32);         // planes, bits per pixel
            buf.putInt(e.getValue().length).putInt(offset);
            offset += e.getValue().length;
        }
        images.values().forEach(buf::put);
        return buf.array();
    }

    static byte[] icns(Map<String, byte[]> images) {
        int total = 8 + images.values().stream().mapToInt(b -> 8 + b.length).sum();
        ByteBuffer buf = ByteBuffer.allocate(total).order(ByteOrder.BIG_ENDIAN);
        buf.put("icns".getBytes()).putInt(total);
        for (Map.Entry<String, byte[]> e : images.entrySet()) {
            buf.put(e.getKey().getBytes()).putInt(8 + e.getValue().length).put(e.getValue());
        }
        return buf.array();
    }
}
