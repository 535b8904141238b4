package com.avgym.desk.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.client.ApiException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class SignInErrorTextTest {
    @Test
    void wordsEachFailure() {
        assertThat(SignInErrorText.of(new ApiException(401, "INVALID_CREDENTIALS", "x", null, null)))
                .isEqualTo("Wrong username or password");
        assertThat(SignInErrorText.of(new CompletionException(new ApiException(429, "RATE_LIMITED", "x",
                Duration.ofSeconds(30), null)))).isEqualTo("Too many attempts, wait 30 s");
        assertThat(SignInErrorText.of(new ApiException(403, "USER_INACTIVE", "x", null, null)))
                .isEqualTo("Your account is deactivated");
        assertThat(SignInErrorText.of(new ConnectException("refused"))).isEqualTo("Cannot reach the server");
        assertThat(SignInErrorText.of(new ApiException(502, null, "x", null, null))).isEqualTo("Sign-in failed (HTTP 502)");
    }
}
