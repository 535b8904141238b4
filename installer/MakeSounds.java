import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the desk's three answer sounds (16-bit mono PCM WAV, 22.05 kHz, well under 50 KB each) into
 * resources/com/avgym/desk/sounds/. Run once from the project folder: {@code java installer/MakeSounds.java}.
 * Admitted: two short rising notes. Refused: two low buzzes. Queued: one soft middle note.
 */
public class MakeSounds {
    static final int RATE = 22_050;

    public static void main(String[] args) throws IOException {
        Path dir = Path.of("resources/com/avgym/desk/sounds");
        Files.createDirectories(dir);
        write(dir.resolve("admitted.wav"), tone(880, 0.09, 0.5, false), silence(0.02), tone(1320, 0.14, 0.5, false));
        write(dir.resolve("refused.wav"), tone(220, 0.15, 0.45, true), silence(0.07), tone(220, 0.15, 0.45, true));
        write(dir.resolve("queued.wav"), tone(660, 0.16, 0.4, false));
    }

    /** A note with a 10 ms fade in and out (no clicks); {@code buzz} adds odd harmonics for a harsher sound. */
    static short[] tone(double hz, double seconds, double volume, boolean buzz) {
        int n = (int) (RATE * seconds);
        int ramp = RATE / 100;
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            double t = (double) i / RATE;
            double v = Math.sin(2 * Math.PI * hz * t);
            if (buzz) {
                v = 0.6 * v + 0.3 * Math.sin(2 * Math.PI * 3 * hz * t) + 0.1 * Math.sin(2 * Math.PI * 5 * hz * t);
            }
            double envelope = Math.min(1, Math.min(i, n - 1 - i) / (double) ramp);
            s[i] = (short) (v * envelope * volume * Short.MAX_VALUE);
        }
        return s;
    }

    static short[] silence(double seconds) {
        return new short[(int) (RATE * seconds)];
    }

    static void write(Path file, short[]... parts) throws IOException {
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        for (short[] part : parts) {
            ByteBuffer b = ByteBuffer.allocate(part.length * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (short v : part) {
                b.putShort(v);
            }
            pcm.writeBytes(b.array());
        }
        byte[] data = pcm.toByteArray();
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes()).putInt(36 + data.length).put("WAVE".getBytes());
        h.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(RATE).putInt(RATE * 2)
                .putShort((short) 2).putShort((short) 16);
        h.put("data".getBytes()).putInt(data.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h.array());
        out.writeBytes(data);
        Files.write(file, out.toByteArray());
    }
}
