package com.avgym.server.http;

import static com.avgym.server.http.Router.Access.ADMIN;
import static com.avgym.server.http.Router.Access.CHECK_IN;
import static com.avgym.server.http.Router.Access.PUBLIC;
import static com.avgym.server.http.Router.Access.READ;
import static com.avgym.server.http.Router.Access.SIGNED_IN;
import static com.avgym.server.http.Router.Access.WRITE;

import com.avgym.protocol.ErrorCode;
import com.avgym.protocol.Validatable;
import com.avgym.protocol.message.CheckInCommand;
import com.avgym.protocol.message.CheckOutCommand;
import com.avgym.protocol.message.Credentials;
import com.avgym.protocol.message.Event;
import com.avgym.protocol.message.EventPage;
import com.avgym.protocol.message.RefreshRequest;
import com.avgym.server.ServerMetrics;
import com.avgym.server.auth.AuthService;
import com.avgym.server.auth.Role;
import com.avgym.server.checkin.CheckInService;
import com.avgym.server.checkin.CommandOutcome;
import com.avgym.server.checkin.EventLog;
import com.avgym.server.checkin.MemberDirectory;
import com.avgym.server.checkin.VisitQueries;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** The REST API of docs/PROTOCOL.md, route by route. Writes go through the same services as the socket. */
public final class ApiRoutes {
    public static final int MAX_PER_PAGE = 200;
    public static final int MAX_EVENTS = 1000;
    public static final int MAX_EXPIRING_DAYS = 366;

    /** PATCH /api/users/{username} body. */
    public record UserUpdate(Boolean active, String role) implements Validatable {
        @Override
        public void validate() {
            Validatable.require(active != null || role != null, "field 'active' or 'role' is required");
        }
    }

    private ApiRoutes() {
    }

    public static Router register(Router r, AuthService auth, CheckInService checkIns, MemberDirectory members,
                                  VisitQueries visits, EventLog events, ServerMetrics metrics,
                                  BooleanSupplier draining) {
        r.add("GET", "/api/health", PUBLIC, x -> {
            // Read once: a drain starting between two reads gave a 503 saying "ok".
            boolean drains = draining.getAsBoolean();
            return new Reply(drains ? 503 : 200, Map.of("status", drains ? "draining" : "ok", "lastSeq", events.lastSeq()),
                    "application/json", drains ? JsonErrorHandler.DRAINING_RETRY_AFTER_SECONDS : null);
        });

        r.add("POST", "/api/auth/token", PUBLIC, x -> {
            requireJson(x);
            Credentials c = x.body(Credentials.class);
            return Reply.ok(auth.login(c.username(), c.password().toCharArray(), x.clientAddress()));
        });
        r.add("POST", "/api/auth/token/refresh", PUBLIC, x -> Reply.ok(auth.refresh(x.body(RefreshRequest.class).refresh())));
        r.add("POST", "/api/auth/logout", SIGNED_IN, x -> {
            String refresh = null;
            try {
                refresh = x.body(RefreshRequest.class).refresh();
            } catch (RuntimeException noRefreshInBody) {
                // Logging out with only the access token ends the caller's session.
            }
            auth.logout(x.principal(), refresh);
            return Reply.ok(Map.of("loggedOut", true));
        });
        r.add("GET", "/api/auth/me", SIGNED_IN, x -> Reply.ok(auth.view(x.principal())));
        r.add("PATCH", "/api/users/{username}", ADMIN, x -> {
            UserUpdate u = x.body(UserUpdate.class);
            Role role;
            try {
                role = u.role() == null ? null : Role.parse(u.role());
            } catch (IllegalArgumentException e) {
                throw new HttpError(400, ErrorCode.INVALID_MESSAGE, "field 'role' must be one of " + Role.wireNames());
            }
            var current = auth.find(x.path("username"))
                    .orElseThrow(() -> new HttpError(404, ErrorCode.NOT_FOUND, "no such user"));
            boolean active = u.active() == null ? current.active() : u.active();
            auth.updateUser(current.username(), active, role == null ? current.role() : role);
            return Reply.ok(Map.of("username", current.username(), "active", active,
                    "role", (role == null ? current.role() : role).wireName()));
        });

        r.add("GET", "/api/members", READ, x -> Reply.ok(members.search(x.query("q"),
                x.queryInt("page", 1, 1, 1_000_000), x.queryInt("perPage", 20, 1, MAX_PER_PAGE))));
        r.add("GET", "/api/members/by-number/{number}", READ, x -> Reply.ok(members.byNumber(x.path("number"))
                .orElseThrow(() -> new HttpError(404, ErrorCode.MEMBER_NOT_FOUND, "No member with that number"))));
        r.add("GET", "/api/memberships/expiring", READ, x -> Reply.ok(members.expiring(x.queryInt("days", 7, 0, MAX_EXPIRING_DAYS))));

        r.add("POST", "/api/checkins", CHECK_IN, x -> render(checkIns.checkIn(x.principal(), x.body(CheckInCommand.class)), metrics));
        r.add("POST", "/api/checkins/checkout", WRITE, x -> render(checkIns.checkOut(x.principal(), x.body(CheckOutCommand.class)), metrics));
        r.add("GET", "/api/checkins/stats", READ, x -> Reply.ok(checkIns.currentStats()));
        r.add("GET", "/api/checkins/history", READ, x -> {
            VisitQueries.Status status;
            try {
                status = VisitQueries.Status.valueOf(x.query("status") == null ? "ALL" : x.query("status").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new HttpError(400, ErrorCode.INVALID_MESSAGE, "query parameter 'status' must be in, out or all");
            }
            return Reply.ok(visits.history(status, x.queryDate("from"), x.queryDate("to"), x.query("q"),
                    x.queryInt("page", 1, 1, 1_000_000), x.queryInt("perPage", 20, 1, MAX_PER_PAGE)));
        });
        r.add("GET", "/api/checkins/hourly", READ, x -> Reply.ok(visits.hourly(x.queryDate("date"))));
        r.add("GET", "/api/events", READ, x -> {
            long after = x.queryLong("after", 0);
            int limit = x.queryInt("limit", 100, 1, MAX_EVENTS);
            long oldest = events.oldestKeptSeq();
            long last = events.lastSeq();
            // Missed events were trimmed, or the client knows a seq this database never had (it was reset).
            boolean resync = events.resyncNeeded(after);
            List<Event> page = resync ? List.of() : events.after(after, limit);
            return Reply.ok(new EventPage(page, last, oldest, resync));
        });
        return r;
    }

    /**
     * Sign-in takes application/json only. A web page can send a form or text/plain across origins without
     * asking, but application/json needs a CORS preflight, which this server never grants: so a page open on
     * the desk PC cannot guess passwords (or lock anyone out) through the desk's browser.
     */
    private static void requireJson(Exchange x) {
        String type = x.header("Content-Type");
        String base = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!base.equals("application/json")) {
            throw new HttpError(415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, "sign-in takes Content-Type: application/json only");
        }
    }

    private static Reply render(CommandOutcome outcome, ServerMetrics metrics) {
        metrics.checkIn(outcome);
        return switch (outcome) {
            case CommandOutcome.Done d -> Reply.status(d.httpStatus(), d.result());
            case CommandOutcome.Refused f -> Reply.status(f.code().httpStatus(), f.error());
        };
    }
}
