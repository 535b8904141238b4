package com.avgym.desk.viewmodel;

import com.avgym.protocol.OfflineVerdict;
import com.avgym.protocol.message.NeedsReview;
import com.avgym.protocol.message.ReviewItem;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says in staff words what an offline decision the server disagreed with was: "Let in offline; membership had
 * ended (3 Mar)", "Turned away offline; the server would have let in". Worded from the server's reason code; its
 * English message is read only for the end date, which the review item carries nowhere else.
 */
final class ReviewWords {
    static final String ADMITTED = "ADMITTED";
    static final String REFUSED = "REFUSED";
    private static final Pattern ISO_DATE = Pattern.compile("\\b(\\d{4}-\\d{2}-\\d{2})\\b");
    private static final Pattern ENGLISH_DATE = Pattern.compile("\\b(\\d{1,2} [A-Z][a-z]{2} \\d{4})\\b");
    private static final DateTimeFormatter ENGLISH = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private final DeskDates dates;

    ReviewWords(DeskDates dates) {
        this.dates = dates;
    }

    String what(ReviewItem item) {
        if (REFUSED.equals(item.kind())) {
            return "Turned away offline" + refusedBecause(item.offlineVerdict()) + "; the server would have let in";
        }
        return "Let in offline; " + serverReason(item.reason(), item.message());
    }

    /** The mark on a visit let in offline that the server would have refused. */
    String visit(NeedsReview review) {
        return "Let in offline; " + serverReason(review.reason(), review.message());
    }

    private String serverReason(String reason, String message) {
        return switch (reason == null ? "" : reason) {
            case "MEMBERSHIP_EXPIRED" -> endedOn(message).map(d -> "membership had ended (" + dates.day(d) + ")")
                    .orElse("membership had ended");
            case "MEMBER_INACTIVE" -> "account was inactive";
            case "ALREADY_CHECKED_IN" -> "was already inside";
            case "MEMBER_NOT_FOUND" -> "not a member";
            default -> message != null && !message.isBlank() ? message
                    : reason != null && !reason.isBlank() ? reason : "the server disagreed";
        };
    }

    private static String refusedBecause(OfflineVerdict verdict) {
        if (verdict == null) {
            return "";
        }
        return switch (verdict) {
            case REFUSE_EXPIRED -> " (member list: membership ended)";
            case REFUSE_INACTIVE -> " (member list: account inactive)";
            case UNKNOWN -> " (card not in the member list)";
            case ADMIT -> "";
        };
    }

    private static java.util.Optional<LocalDate> endedOn(String message) {
        if (message == null) {
            return java.util.Optional.empty();
        }
        try {
            Matcher iso = ISO_DATE.matcher(message);
            if (iso.find()) {
                return java.util.Optional.of(LocalDate.parse(iso.group(1)));
            }
            Matcher english = ENGLISH_DATE.matcher(message);
            if (english.find()) {
                return java.util.Optional.of(LocalDate.parse(english.group(1), ENGLISH));
            }
        } catch (DateTimeException e) {
            // Not a date after all: the words go without it.
        }
        return java.util.Optional.empty();
    }
}
