package com.avgym.client.fake;

import com.avgym.client.ApiException;
import com.avgym.client.BackendApi;
import com.avgym.client.HistoryQuery;
import com.avgym.client.ReadApi;
import com.avgym.protocol.message.CheckInCommand;
import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.CheckOutCommand;
import com.avgym.protocol.message.CommandResult;
import com.avgym.protocol.message.EventPage;
import com.avgym.protocol.message.ExpiringMembership;
import com.avgym.protocol.message.HourlyCheckIns;
import com.avgym.protocol.message.MemberView;
import com.avgym.protocol.message.Page;
import com.avgym.protocol.message.Stats;
import com.avgym.protocol.message.TokenPair;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted REST side: each call is counted and recorded in {@link #calls} (name only), and the test decides
 * whether it answers or fails. The read side ({@link ReadApi}) refuses every call with a 404 unless scripted.
 */
public final class FakeApi implements BackendApi, ReadApi {
    public interface Answer<T> {
        T get() throws IOException, ApiException;
    }

    public Answer<TokenPair> refresh;
    public Answer<Stats> stats = () -> new Stats(0, 0, 0);
    public Answer<EventPage> events = () -> new EventPage(List.of(), 0, 1, false);
    public Answer<Page<CheckInView>> recent = () -> new Page<>(List.of(), 0, 1, 50);
    public Answer<CommandResult> checkIn;
    /** Unscripted (null): 404, like the other reads. */
    public Answer<com.avgym.protocol.message.RosterPage> roster;
    /** The {@code since} of every roster call, in order. */
    public final List<Long> rosterSince = new CopyOnWriteArrayList<>();
    /** {@code GET /api/health}: answers unless scripted to fail. */
    public Answer<Void> health = () -> null;
    public int refreshCalls;
    public int statsCalls;
    public int recentCalls;
    public int eventsCalls;
    public final List<CheckInCommand> restCheckIns = new ArrayList<>();
    /** Every call that left the client, in order ("stats", "events", "refresh", "member", ...). */
    public final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public TokenPair login(String username, char[] password) throws IOException, ApiException {
        calls.add("login");
        throw new ApiException(401, "INVALID_CREDENTIALS", "no", null, "{}");
    }

    @Override
    public TokenPair refresh(String refreshToken) throws IOException, ApiException {
        calls.add("refresh");
        refreshCalls++;
        return refresh.get();
    }

    @Override
    public void logout(String accessToken, String refreshToken) {
        calls.add("logout");
    }

    @Override
    public void health() throws IOException, ApiException {
        calls.add("health");
        health.get();
    }

    @Override
    public Stats stats(String accessToken) throws IOException, ApiException {
        calls.add("stats");
        statsCalls++;
        return stats.get();
    }

    @Override
    public Page<CheckInView> recent(String accessToken, int perPage) throws IOException, ApiException {
        calls.add("recent");
        recentCalls++;
        return recent.get();
    }

    @Override
    public EventPage events(String accessToken, long after, int limit) throws IOException, ApiException {
        calls.add("events");
        eventsCalls++;
        return events.get();
    }

    @Override
    public CommandResult checkIn(String accessToken, CheckInCommand command) throws IOException, ApiException {
        calls.add("checkIn");
        restCheckIns.add(command);
        return checkIn.get();
    }

    @Override
    public CommandResult checkOut(String accessToken, CheckOutCommand command) throws IOException, ApiException {
        calls.add("checkOut");
        throw new IOException("not scripted");
    }

    @Override
    public Page<MemberView> members(String accessToken, String search, int perPage) throws ApiException {
        calls.add("members");
        throw notFound();
    }

    @Override
    public MemberView member(String accessToken, String membershipNumber) throws ApiException {
        calls.add("member");
        throw notFound();
    }

    @Override
    public List<ExpiringMembership> expiring(String accessToken, int days) throws ApiException {
        calls.add("expiring");
        throw notFound();
    }

    @Override
    public Page<CheckInView> history(String accessToken, HistoryQuery query) throws ApiException {
        calls.add("history");
        throw notFound();
    }

    @Override
    public HourlyCheckIns hourly(String accessToken, LocalDate date) throws ApiException {
        calls.add("hourly");
        throw notFound();
    }

    @Override
    public com.avgym.client.MemberPhoto photo(String accessToken, String memberId, String ifNoneMatch) throws ApiException {
        calls.add("photo");
        throw notFound();
    }

    @Override
    public com.avgym.protocol.message.RosterPage roster(String accessToken, long since)
            throws IOException, ApiException {
        calls.add("roster");
        rosterSince.add(since);
        if (roster == null) {
            throw notFound();
        }
        return roster.get();
    }

    @Override
    public List<com.avgym.protocol.message.ReviewItem> reviews(String accessToken, boolean openOnly) throws ApiException {
        calls.add("reviews");
        throw notFound();
    }

    @Override
    public com.avgym.protocol.message.ReviewItem acknowledgeReview(String accessToken, String id, String note)
            throws ApiException {
        calls.add("acknowledgeReview");
        throw notFound();
    }

    private static ApiException notFound() {
        return new ApiException(404, "MEMBER_NOT_FOUND", "not scripted", null, "{}");
    }
}
