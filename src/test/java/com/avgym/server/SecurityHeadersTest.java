package com.avgym.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.avgym.server.http.SecurityHeaders;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.HttpConfiguration;
import org.junit.jupiter.api.Test;

/** The switch the TLS set-up turns on: HSTS only when asked, the other headers always, no version banner. */
class SecurityHeadersTest {
    @Test
    void hstsIsSentOnlyWhenSwitchedOn() {
        HttpFields.Mutable plain = HttpFields.build();
        new SecurityHeaders(false).apply(plain);
        assertThat(plain.get("Strict-Transport-Security")).isNull();
        assertThat(plain.get("X-Content-Type-Options")).isEqualTo("nosniff");

        HttpFields.Mutable tls = HttpFields.build();
        new SecurityHeaders(true).apply(tls);
        assertThat(tls.get("Strict-Transport-Security")).isEqualTo("max-age=31536000");
        assertThat(tls.get("X-Frame-Options")).isEqualTo("DENY");
        assertThat(tls.get("Referrer-Policy")).isEqualTo("no-referrer");
    }

    @Test
    void theConnectorConfigurationSendsNoServerVersion() {
        HttpConfiguration http = new SecurityHeaders(false).httpConfiguration();
        assertThat(http.getSendServerVersion()).isFalse();
        assertThat(http.getSendXPoweredBy()).isFalse();
        assertThat(http.getCustomizers()).hasSize(1);
    }
}
