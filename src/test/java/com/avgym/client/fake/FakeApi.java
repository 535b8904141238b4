package com.avgym.client.fake;

import com.avgym.client.ApiException;
import com.avgym.client.BackendApi;
import com.avgym.protocol.message.CheckInCommand;
import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.CheckOutCommand;
import com.avgym.protocol.message.CommandResult;
import com.avgym.protocol.message.EventPage;
import com.avgym.protocol.message.Page;
import com.avgym.protocol.message.Stats;
import com.avgym.protocol.message.TokenPair;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A scripted REST side: each call is counted, and the test decides whether it answers or fails. */
public final class FakeApi implements BackendApi {
    public interface Answer<T> {
        T get() throws IOException, ApiException;
    }

    public Answer<TokenPair> refresh;
    public Answer<Stats> stats = () -> new Stats(0, 0, 0);
    public Answer<EventPage> events = () -> new EventPage(List.of(), 0, 1, false);
    public Answer<CommandResult> checkIn;
    public int refreshCalls;
    public int statsCalls;
    public int recentCalls;
    public int eventsCalls;
    public final List<CheckInCommand> restCheckIns = new ArrayList<>();

    @Override
    public TokenPair login(String username, char[] password) throws IOException, ApiException {
        throw new ApiException(401, "INVALID_CREDENTIALS", "no", null, "{}");
    }

    @Override
    public TokenPair refresh(String refreshToken) throws IOException, ApiException {
        refreshCalls++;
        return refresh.get();
    }

    @Override
    public void logout(String accessToken, String refreshToken) {
    }

    @Override
    public Stats stats(String accessToken) throws IOException, ApiException {
        statsCalls++;
        return stats.get();
    }

    @Override
    public Page<CheckInView> recent(String accessToken, int perPage) {
        recentCalls++;
        return new Page<>(List.of(), 0, 1, perPage);
    }

    @Override
    public EventPage events(String accessToken, long after, int limit) throws IOException, ApiException {
        eventsCalls++;
        return events.get();
    }

    @Override
    public CommandResult checkIn(String accessToken, CheckInCommand command) throws IOException, ApiException {
        restCheckIns.add(command);
        return checkIn.get();
    }

    @Override
    public CommandResult checkOut(String accessToken, CheckOutCommand command) throws IOException, ApiException {
        throw new IOException("not scripted");
    }
}
