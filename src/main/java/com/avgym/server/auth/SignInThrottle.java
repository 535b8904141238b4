package com.avgym.server.auth;

/**
 * Decides, before a password is checked, whether this sign-in attempt may be evaluated at all. An interface
 * so that several servers can later share the counts (issue 12); {@link LocalSignInThrottle} keeps them in
 * this process.
 */
public interface SignInThrottle {

    /**
     * Reserves one evaluation of a password for {@code username} from {@code address}, or throws
     * {@link AuthException} {@code RATE_LIMITED} with the seconds to wait. The reservation and the counts it
     * is checked against are taken in one step, so requests sent at once cannot all pass the check before
     * any of them has failed.
     */
    Attempt begin(String username, String address);

    /** One reserved evaluation; exactly one of its methods ends it. */
    interface Attempt extends AutoCloseable {
        void succeeded();

        void failed();

        /** Ends it without a verdict (the server failed before deciding): it counts neither way. */
        @Override
        void close();
    }
}
