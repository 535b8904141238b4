package com.avgym.client;

import com.avgym.protocol.message.CheckInCommand;
import com.avgym.protocol.message.CheckInView;
import com.avgym.protocol.message.CheckOutCommand;
import com.avgym.protocol.message.CommandResult;
import com.avgym.protocol.message.EventPage;
import com.avgym.protocol.message.Page;
import com.avgym.protocol.message.Stats;
import com.avgym.protocol.message.TokenPair;
import java.io.IOException;

/**
 * The REST calls the connection service needs. Blocking; called off the service thread. An
 * {@link IOException} means no answer (network); {@link ApiException} an error status.
 */
public interface BackendApi {
    TokenPair login(String username, char[] password) throws IOException, ApiException;

    TokenPair refresh(String refreshToken) throws IOException, ApiException;

    void logout(String accessToken, String refreshToken) throws IOException, ApiException;

    Stats stats(String accessToken) throws IOException, ApiException;

    Page<CheckInView> recent(String accessToken, int perPage) throws IOException, ApiException;

    EventPage events(String accessToken, long after, int limit) throws IOException, ApiException;

    /** 201 or 200 (duplicate) -> the result; a refusal -> ApiException with the code. */
    CommandResult checkIn(String accessToken, CheckInCommand command) throws IOException, ApiException;

    CommandResult checkOut(String accessToken, CheckOutCommand command) throws IOException, ApiException;

    /**
     * {@code GET /api/health} (public): returns when the server answers 200; 503 (draining) is an ApiException. A
     * kiosk's BACKUP probes this instead of reading stats and events. Without an override the server counts as
     * unreachable.
     */
    default void health() throws IOException, ApiException {
        throw new IOException("this backend has no health check");
    }
}
