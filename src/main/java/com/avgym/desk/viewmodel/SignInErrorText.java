package com.avgym.desk.viewmodel;

import com.avgym.client.ApiException;
import com.avgym.client.UntrustedServerException;
import java.io.IOException;

/** Words a failed sign-in (docs/PROTOCOL.md section 8) without echoing anything the user typed. */
public final class SignInErrorText {
    private SignInErrorText() {
    }

    public static String of(Throwable failure) {
        Throwable t = LookupErrorText.unwrap(failure);
        if (t instanceof ApiException api) {
            String code = api.code() == null ? "" : api.code();
            return switch (code) {
                case "INVALID_CREDENTIALS" -> "Wrong username or password";
                case "USER_INACTIVE" -> "Your account is deactivated";
                case "RATE_LIMITED" -> api.retryAfter() != null
                        ? "Too many attempts, wait " + Math.max(1, api.retryAfter().toSeconds()) + " s"
                        : "Too many attempts, wait a moment";
                case "SERVER_DRAINING" -> "Server restarting: try again in a few seconds";
                default -> "Sign-in failed (HTTP " + api.status() + ")";
            };
        }
        if (t instanceof UntrustedServerException untrusted) {
            return untrusted.getMessage(); // says which fingerprint was expected and which one came
        }
        if (t instanceof IOException) {
            return "Cannot reach the server";
        }
        return "Sign-in failed";
    }
}
