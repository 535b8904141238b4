package com.avgym.server.http;

import static com.avgym.server.http.Router.Access.READ;

import com.avgym.protocol.ErrorCode;
import com.avgym.protocol.Validatable;
import com.avgym.server.checkin.Reviews;
import java.util.Locale;

/** {@code GET /api/reviews} and {@code POST /api/reviews/{id}/acknowledge}: the "Needs review" list, admin and staff only. */
public final class ReviewRoutes {

    /** POST /api/reviews/{id}/acknowledge body. */
    public record Acknowledge(String note) implements Validatable {
        @Override
        public void validate() {
            Validatable.require(note != null && !note.isBlank() && note.length() <= Reviews.MAX_NOTE,
                    "field 'note' is required (1-" + Reviews.MAX_NOTE + " characters, not blank)");
            Validatable.require(note.indexOf('\0') < 0, "text fields must not contain the NUL character");
        }
    }

    private ReviewRoutes() {
    }

    public static Router register(Router r, Reviews reviews) {
        // READ lets every desk role through authentication; the review list is narrower (see Reviews.mayReview).
        r.add("GET", "/api/reviews", READ, x -> {
            requireReviewer(x);
            String state = x.query("state") == null ? "open" : x.query("state").toLowerCase(Locale.ROOT);
            if (!state.equals("open") && !state.equals("all")) {
                throw new HttpError(400, ErrorCode.INVALID_MESSAGE, "query parameter 'state' must be open or all");
            }
            return Reply.ok(reviews.list(state.equals("open")));
        });
        r.add("POST", "/api/reviews/{id}/acknowledge", READ, x -> {
            requireReviewer(x);
            Acknowledge body = x.body(Acknowledge.class);
            Reviews.Acknowledgement a = reviews.acknowledge(x.path("id"), body.note().trim(), x.principal().username());
            return switch (a.result()) {
                case DONE -> Reply.ok(a.item());
                case ALREADY -> throw new HttpError(ErrorCode.REVIEW_ALREADY_ACKNOWLEDGED,
                        "this review item was already acknowledged by " + a.item().acknowledgedBy());
                case NOT_FOUND -> throw new HttpError(ErrorCode.NOT_FOUND, "no such review item");
            };
        });
        return r;
    }

    private static void requireReviewer(Exchange x) {
        if (!Reviews.mayReview(x.principal().role())) {
            throw new HttpError(ErrorCode.FORBIDDEN, "only admin and staff see the review list");
        }
    }
}
