package com.avgym.server.photo;

import com.avgym.server.db.Database;
import com.avgym.server.db.Sql;
import com.avgym.server.roster.RosterLedger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.LongConsumer;

/** Members' photos in the database (table member_photos), each with the ETag of its bytes. */
public final class MemberPhotos {
    /** A stored photo: 256x256 JPEG bytes and their strong ETag (quoted, as sent in the header). */
    public record Photo(byte[] jpeg, String etag) {
    }

    private final Database db;
    private final Clock clock;
    private final LongConsumer announce;

    /** {@code announce} gets the roster version of each photo change once it has committed. */
    public MemberPhotos(Database db, Clock clock, LongConsumer announce) {
        this.db = db;
        this.clock = clock;
        this.announce = announce;
    }

    public boolean memberExists(String memberId) {
        return db.read(c -> Sql.count(c, "SELECT COUNT(*) FROM members WHERE id = ? AND removed_at IS NULL", memberId)) > 0;
    }

    /** Stores (or replaces) the photo; returns the new ETag. The roster's photoEtag changes with it. */
    public String put(String memberId, byte[] jpeg, String by) {
        long now = clock.millis();
        record Stored(String etag, long version) {
        }
        Stored stored = db.write(c -> {
            long version = RosterLedger.touch(c, memberId, now);
            return new Stored(put(c, memberId, jpeg, by, now), version);
        });
        announce.accept(stored.version());
        return stored.etag();
    }

    /** As {@link #put(String, byte[], String)} inside the caller's transaction (demo seeding). */
    public static String put(Connection c, String memberId, byte[] jpeg, String by, long now) throws SQLException {
        String etag = etag(jpeg);
        int updated = Sql.update(c, "UPDATE member_photos SET jpeg = ?, etag = ?, updated_at = ?, updated_by = ? WHERE member_id = ?",
                jpeg, etag, now, by, memberId);
        if (updated == 0) {
            Sql.update(c, "INSERT INTO member_photos (member_id, jpeg, etag, updated_at, updated_by) VALUES (?,?,?,?,?)",
                    memberId, jpeg, etag, now, by);
        }
        return etag;
    }

    public Optional<Photo> get(String memberId) {
        return db.read(c -> Sql.one(c, "SELECT jpeg, etag FROM member_photos WHERE member_id = ?",
                rs -> new Photo(rs.getBytes("jpeg"), rs.getString("etag")), memberId));
    }

    static String etag(byte[] jpeg) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(jpeg);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
