package com.avgym.server.http;

import static com.avgym.server.http.Router.Access.ADMIN;
import static com.avgym.server.http.Router.Access.READ_OR_KIOSK;
import static com.avgym.server.http.Router.Access.WRITE;

import com.avgym.protocol.ErrorCode;
import com.avgym.server.roster.MemberChanges;
import com.avgym.server.roster.MemberEditor;
import com.avgym.server.roster.RosterQuery;
import java.util.Map;

/** The member roster and member changes: {@code /api/members/roster}, POST/PATCH/DELETE {@code /api/members}. */
public final class MemberRoutes {
    private MemberRoutes() {
    }

    public static Router register(Router r, RosterQuery roster, MemberEditor editor) {
        r.add("GET", "/api/members/roster", READ_OR_KIOSK, x -> {
            long since = x.queryLong("since", 0);
            if (since < 0) {
                throw new HttpError(400, ErrorCode.INVALID_MESSAGE, "query parameter 'since' must be 0 or more");
            }
            return Reply.ok(roster.page(since));
        });
        r.add("POST", "/api/members", WRITE, x -> Reply.status(201,
                editor.create(x.body(MemberChanges.Create.class)).member()));
        r.add("PATCH", "/api/members/{id}", WRITE, x -> found(() -> Reply.ok(
                editor.update(x.path("id"), x.body(MemberChanges.Update.class)).member())));
        r.add("DELETE", "/api/members/{id}", ADMIN, x -> found(() -> {
            long version = editor.remove(x.path("id"));
            return Reply.ok(Map.of("memberId", x.path("id"), "removed", true, "rosterVersion", version));
        }));
        return r;
    }

    private static Reply found(java.util.function.Supplier<Reply> change) {
        try {
            return change.get();
        } catch (MemberEditor.NotFound e) {
            throw new HttpError(ErrorCode.MEMBER_NOT_FOUND, e.getMessage());
        }
    }
}
