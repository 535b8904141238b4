package com.avgym.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.protocol.Json;
import com.avgym.server.support.TestServer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PUT/GET /api/members/{id}/photo on a real server (SQLite, or PostgreSQL under the postgres profile): the
 * upload is re-encoded to a 256x256 centre-cropped JPEG, limits and bad images are refused with their codes,
 * the GET answers 304 to a matching If-None-Match, and roles are enforced.
 */
class PhotoApiTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static TestServer server;
    private static String desk;
    private static String trainer;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        desk = server.login("desk").access();
        trainer = server.login("trainer").access();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aPngUploadIsStoredAsA256SquareJpegCroppedFromTheCentre() throws Exception {
        String id = memberId("M0003");
        // 600x200: red left third, green centre, blue right third; the centre square is all green.
        BufferedImage wide = new BufferedImage(600, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = wide.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 200, 200);
        g.setColor(Color.GREEN);
        g.fillRect(200, 0, 200, 200);
        g.setColor(Color.BLUE);
        g.fillRect(400, 0, 200, 200);
        g.dispose();

        HttpResponse<byte[]> put = put(id, encode(wide, "png"), desk);
        assertThat(put.statusCode()).isEqualTo(200);
        String etag = put.headers().firstValue("ETag").orElseThrow();
        assertThat(Json.parse(new String(put.body())).path("etag").asText()).isEqualTo(etag);

        HttpResponse<byte[]> get = get(id, trainer, null);
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(get.headers().firstValue("Cache-Control").orElseThrow()).contains("private");
        assertThat(get.headers().firstValue("ETag")).hasValue(etag);
        BufferedImage stored = ImageIO.read(new ByteArrayInputStream(get.body()));
        assertThat(stored.getWidth()).isEqualTo(256);
        assertThat(stored.getHeight()).isEqualTo(256);
        assertThat(get.body()[0] & 0xff).isEqualTo(0xFF);
        assertThat(get.body()[1] & 0xff).isEqualTo(0xD8);
        for (int[] p : new int[][] {{5, 5}, {128, 128}, {250, 250}}) {
            Color c = new Color(stored.getRGB(p[0], p[1]));
            assertThat(c.getGreen()).as("pixel %s is green", Arrays.toString(p)).isGreaterThan(200);
            assertThat(c.getRed()).isLessThan(60);
            assertThat(c.getBlue()).isLessThan(60);
        }
    }

    @Test
    void aMatchingIfNoneMatchIsAnswered304WithoutBodyAndANewPhotoChangesTheEtag() throws Exception {
        String id = memberId("M0004");
        String first = put(id, encode(solid(Color.ORANGE, 300, 300), "jpeg"), desk).headers().firstValue("ETag").orElseThrow();

        HttpResponse<byte[]> again = get(id, desk, first);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).hasValue(first);
        assertThat(get(id, desk, "\"other\"").statusCode()).isEqualTo(200);

        String second = put(id, encode(solid(Color.MAGENTA, 300, 300), "png"), desk).headers().firstValue("ETag").orElseThrow();
        assertThat(second).isNotEqualTo(first);
        HttpResponse<byte[]> stale = get(id, desk, first);
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.headers().firstValue("ETag")).hasValue(second);
    }

    @Test
    void anUploadOver2MbIs413WithItsCodeAndTheOldPhotoStays() throws Exception {
        String id = memberId("M0005");
        String before = get(id, desk, null).headers().firstValue("ETag").orElseThrow();
        // Random pixels do not compress: a real PNG well over 2 MiB.
        BufferedImage noise = new BufferedImage(1000, 1000, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(7);
        for (int y = 0; y < 1000; y++) {
            for (int x = 0; x < 1000; x++) {
                noise.setRGB(x, y, random.nextInt());
            }
        }
        byte[] big = encode(noise, "png");
        assertThat(big.length).isGreaterThan(2 * 1024 * 1024);

        HttpResponse<byte[]> r = put(id, big, desk);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(code(r)).isEqualTo("PHOTO_TOO_LARGE");
        assertThat(get(id, desk, null).headers().firstValue("ETag")).hasValue(before);
        // The server keeps serving: a small upload right after works.
        assertThat(put(id, encode(solid(Color.CYAN, 64, 64), "png"), desk).statusCode()).isEqualTo(200);
    }

    @Test
    void bytesThatAreNotAJpegOrPngAre400PhotoInvalid() throws Exception {
        String id = memberId("M0006");
        byte[] png = encode(solid(Color.RED, 100, 100), "png");
        byte[] truncated = Arrays.copyOf(png, png.length / 2);
        for (byte[] body : new byte[][] {"hello, not an image".getBytes(), truncated, encode(solid(Color.RED, 10, 10), "gif"), new byte[0]}) {
            HttpResponse<byte[]> r = put(id, body, desk);
            assertThat(r.statusCode()).as("%d bytes", body.length).isEqualTo(400);
            assertThat(code(r)).isEqualTo("PHOTO_INVALID");
        }
    }

    @Test
    void onlyStaffAndAdminMayUploadAndEveryReadRoleMayFetch() throws Exception {
        String id = memberId("M0007");
        byte[] png = encode(solid(Color.GRAY, 50, 50), "png");
        HttpResponse<byte[]> byTrainer = put(id, png, trainer);
        assertThat(byTrainer.statusCode()).isEqualTo(403);
        assertThat(code(byTrainer)).isEqualTo("FORBIDDEN");
        assertThat(code(put(id, png, null))).isEqualTo("TOKEN_MISSING");
        assertThat(code(get(id, null, null))).isEqualTo("TOKEN_MISSING");
        assertThat(put(id, png, server.login("admin").access()).statusCode()).isEqualTo(200);
        assertThat(get(id, trainer, null).statusCode()).isEqualTo(200);
    }

    @Test
    void unknownMemberAndMemberWithoutPhotoAre404WithTheirCodes() throws Exception {
        HttpResponse<byte[]> unknown = put("no-such-member", encode(solid(Color.RED, 20, 20), "png"), desk);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(code(unknown)).isEqualTo("MEMBER_NOT_FOUND");
        HttpResponse<byte[]> none = get("no-such-member", desk, null);
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(code(none)).isEqualTo("PHOTO_NOT_FOUND");
    }

    @Test
    void demoMembersHaveGeneratedInitialsAvatars() throws Exception {
        HttpResponse<byte[]> r = get(memberId("M0001"), desk, null);
        assertThat(r.statusCode()).isEqualTo(200);
        BufferedImage avatar = ImageIO.read(new ByteArrayInputStream(r.body()));
        assertThat(avatar.getWidth()).isEqualTo(256);
        // A coloured disc on a light background: corner light grey, a point inside the disc saturated.
        Color corner = new Color(avatar.getRGB(2, 2));
        Color disc = new Color(avatar.getRGB(40, 128));
        assertThat(corner.getRed()).isGreaterThan(220);
        assertThat(Math.max(disc.getRed(), Math.max(disc.getGreen(), disc.getBlue()))
                - Math.min(disc.getRed(), Math.min(disc.getGreen(), disc.getBlue()))).isGreaterThan(60);
    }

    private static String memberId(String number) {
        return server.rest().get("/api/members/by-number/" + number, desk).body().path("id").asText();
    }

    private static HttpResponse<byte[]> put(String id, byte[] body, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.server().baseUrl() + "/api/members/" + id + "/photo"))
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                // As PROTOCOL.md asks of uploads: a refusal (413) then comes before the bytes, not as a reset mid-body.
                .expectContinue(true);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<byte[]> get(String id, String token, String ifNoneMatch) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.server().baseUrl() + "/api/members/" + id + "/photo")).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (ifNoneMatch != null) {
            b.header("If-None-Match", ifNoneMatch);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String code(HttpResponse<byte[]> r) {
        return Json.parse(new String(r.body())).path("code").asText();
    }

    private static BufferedImage solid(Color color, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    private static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(img, format, out)).isTrue();
        return out.toByteArray();
    }
}
