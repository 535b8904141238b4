package com.avgym.server.http;

import static com.avgym.server.http.Router.Access.READ_OR_KIOSK;
import static com.avgym.server.http.Router.Access.WRITE;

import com.avgym.protocol.ErrorCode;
import com.avgym.server.photo.MemberPhotos;
import com.avgym.server.photo.PhotoImages;
import java.util.Arrays;
import java.util.Map;

/** {@code PUT/GET /api/members/{id}/photo}: a member's photo, stored re-encoded, served with an ETag. */
public final class PhotoRoutes {
    /** Largest upload accepted; the server's 64 KiB JSON limit does not apply to this route. */
    public static final int MAX_UPLOAD_BYTES = 2 * 1024 * 1024;
    private static final String PATH = "/api/members/{id}/photo";

    private PhotoRoutes() {
    }

    public static Router register(Router r, MemberPhotos photos) {
        r.addUpload("PUT", PATH, WRITE, MAX_UPLOAD_BYTES, ErrorCode.PHOTO_TOO_LARGE, x -> {
            String id = x.path("id");
            byte[] upload = x.bytes();
            if (!photos.memberExists(id)) {
                throw new HttpError(ErrorCode.MEMBER_NOT_FOUND, "No member with that id");
            }
            byte[] jpeg;
            try {
                jpeg = PhotoImages.normalize(upload);
            } catch (PhotoImages.NotAnImage e) {
                throw new HttpError(ErrorCode.PHOTO_INVALID, e.getMessage());
            }
            String etag = photos.put(id, jpeg, x.principal().username());
            return new Reply(200, Map.of("memberId", id, "etag", etag, "bytes", jpeg.length),
                    "application/json", null, Map.of("ETag", etag));
        });
        r.add("GET", PATH, READ_OR_KIOSK, x -> {
            MemberPhotos.Photo photo = photos.get(x.path("id"))
                    .orElseThrow(() -> new HttpError(ErrorCode.PHOTO_NOT_FOUND, "this member has no photo"));
            // Private: only signed-in desks may see it; no-cache: revalidate by ETag every time (304 is cheap).
            Map<String, String> headers = Map.of("ETag", photo.etag(), "Cache-Control", "private, no-cache");
            if (matches(x.header("If-None-Match"), photo.etag())) {
                return Reply.bytes(304, null, "image/jpeg", headers);
            }
            return Reply.bytes(200, photo.jpeg(), "image/jpeg", headers);
        });
        return r;
    }

    /** If-None-Match: a list of (possibly weak) tags, or {@code *}. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        return Arrays.stream(ifNoneMatch.split(",")).map(String::trim)
                .anyMatch(t -> t.equals("*") || t.equals(etag) || t.equals("W/" + etag));
    }
}
