package com.avgym.client;

import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.ExpiringMembership;
import com.avgym.protocol.message.HourlyCheckIns;
import com.avgym.protocol.message.MemberView;
import com.avgym.protocol.message.Page;
import com.avgym.protocol.message.ReviewItem;
import com.avgym.protocol.message.RosterPage;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

/** The read-only REST calls behind the desk's member search, history, expiring list and chart. Blocking. */
public interface ReadApi {
    Page<MemberView> members(String accessToken, String search, int perPage) throws IOException, ApiException;

    /** 404 {@code MEMBER_NOT_FOUND} as an {@link ApiException}. */
    MemberView member(String accessToken, String membershipNumber) throws IOException, ApiException;

    List<ExpiringMembership> expiring(String accessToken, int days) throws IOException, ApiException;

    Page<CheckInView> history(String accessToken, HistoryQuery query) throws IOException, ApiException;

    /** {@code date} null: the gym's today. */
    HourlyCheckIns hourly(String accessToken, LocalDate date) throws IOException, ApiException;

    /**
     * The member's photo; null when {@code ifNoneMatch} (an ETag, or null) is still current (304).
     * 404 {@code PHOTO_NOT_FOUND} as an {@link ApiException}.
     */
    MemberPhoto photo(String accessToken, String memberId, String ifNoneMatch) throws IOException, ApiException;

    /** The roster changes after version {@code since} (0: the whole roster). See PROTOCOL.md section 14. */
    RosterPage roster(String accessToken, long since) throws IOException, ApiException;

    /** Review items, newest first; {@code openOnly}: those not yet acknowledged. */
    List<ReviewItem> reviews(String accessToken, boolean openOnly) throws IOException, ApiException;

    /** Acknowledges one review item with a note (required); 404 {@code NOT_FOUND} as an {@link ApiException}. */
    ReviewItem acknowledgeReview(String accessToken, String reviewId, String note) throws IOException, ApiException;
}
