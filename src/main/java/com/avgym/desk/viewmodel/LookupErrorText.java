package com.avgym.desk.viewmodel;

import com.avgym.client.ApiException;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Words a failed lookup (search, member card, history page) for an inline message. */
final class LookupErrorText {
    private LookupErrorText() {
    }

    static String describe(Throwable error) {
        Throwable e = unwrap(error);
        if (e instanceof ApiException api) {
            if ("MEMBER_NOT_FOUND".equals(api.code())) {
                return "Member not found";
            }
            if (api.status() == 401) {
                return "Session expired: sign in again";
            }
            if (api.status() >= 500) {
                return "Server problem: try again";
            }
            return api.getMessage() != null && !api.getMessage().isBlank() ? api.getMessage() : "Refused by the server";
        }
        if (e instanceof IOException) {
            return "Server not reachable";
        }
        return "Unexpected error";
    }

    /** The server refused the session (401), or the service had none to offer: a person must sign in again. */
    static boolean sessionExpired(Throwable error) {
        return unwrap(error) instanceof ApiException api && api.status() == 401;
    }

    /**
     * No answer about the thing asked for: the server was not reached, failed (5xx) or refused the session (401).
     * Such words go stale when the connection changes; "Member not found" does not.
     */
    static boolean unanswered(Throwable error) {
        Throwable e = unwrap(error);
        return !(e instanceof ApiException api) || api.status() == 401 || api.status() >= 500;
    }

    /** The failure inside a future's CompletionException or ExecutionException wrappers. */
    static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
