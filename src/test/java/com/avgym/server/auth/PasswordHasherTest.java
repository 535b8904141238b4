package com.avgym.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    /** Few iterations keep the test fast; the format and the checks are the same. */
    private final PasswordHasher hasher = new PasswordHasher(1_000);

    @Test
    void verifiesTheRightPasswordAndRefusesAWrongOne() {
        String stored = hasher.hash("correct horse".toCharArray());
        assertThat(hasher.verify("correct horse".toCharArray(), stored)).isTrue();
        assertThat(hasher.verify("correct hors".toCharArray(), stored)).isFalse();
        assertThat(hasher.verify("Correct horse".toCharArray(), stored)).isFalse();
        assertThat(hasher.verify(new char[0], stored)).isFalse();
    }

    @Test
    void aRandomSaltMakesTwoHashesOfOnePasswordDiffer() {
        String a = hasher.hash("same".toCharArray());
        String b = hasher.hash("same".toCharArray());
        assertThat(a).isNotEqualTo(b);
        assertThat(a.split("\\$")[2]).isNotEqualTo(b.split("\\$")[2]);
        assertThat(hasher.verify("same".toCharArray(), a)).isTrue();
        assertThat(hasher.verify("same".toCharArray(), b)).isTrue();
    }

    @Test
    void storedFormatIsPrefixIterationsSaltAndHash() {
        String stored = hasher.hash("pw".toCharArray());
        String[] parts = stored.split("\\$");
        assertThat(parts).hasSize(4);
        assertThat(parts[0]).isEqualTo("pbkdf2-sha256");
        assertThat(parts[1]).isEqualTo("1000");
        assertThat(Base64.getDecoder().decode(parts[2])).hasSize(16);
        assertThat(Base64.getDecoder().decode(parts[3])).hasSize(32);
        assertThat(stored).doesNotContain("=").doesNotContain("pw$");
        assertThat(new PasswordHasher().hash("pw".toCharArray()).split("\\$")[1])
                .isEqualTo(Integer.toString(PasswordHasher.DEFAULT_ITERATIONS));
    }

    @Test
    void verifyUsesTheIterationCountOfTheStoredString() {
        String storedWithFew = new PasswordHasher(500).hash("pw".toCharArray());
        // A hasher configured for more iterations still verifies old hashes: the count comes from the string.
        assertThat(new PasswordHasher(2_000).verify("pw".toCharArray(), storedWithFew)).isTrue();
        // Changing the stored count changes the derived key, so it no longer matches.
        String tampered = storedWithFew.replaceFirst("\\$500\\$", "\\$501\\$");
        assertThat(tampered).isNotEqualTo(storedWithFew);
        assertThat(hasher.verify("pw".toCharArray(), tampered)).isFalse();
    }

    @Test
    void anUnknownFormatNeverVerifies() {
        String stored = hasher.hash("pw".toCharArray());
        assertThat(hasher.verify("pw".toCharArray(), stored.replace("pbkdf2-sha256", "md5"))).isFalse();
        assertThat(hasher.verify("pw".toCharArray(), "pw")).isFalse();
        assertThat(hasher.verify("pw".toCharArray(), stored + "$extra")).isFalse();
    }
}
