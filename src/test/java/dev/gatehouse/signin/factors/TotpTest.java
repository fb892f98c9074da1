package dev.gatehouse.signin.factors;

import dev.gatehouse.ids.RandomIds;
import dev.gatehouse.testing.SeededRandom;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Totp} against RFC 6238's published test vectors (Appendix B, the SHA-1 rows) and its own window rules. */
class TotpTest {
    /** RFC 6238's SHA-1 seed, the ASCII bytes "12345678901234567890", as base32. */
    private static final String RFC_SECRET = new Base32().encodeToString("12345678901234567890".getBytes(StandardCharsets.US_ASCII));
    private final Totp totp = new Totp();

    @Test
    void rfcSecretIsTheBase32OfTheAsciiSeed() {
        assertThat(RFC_SECRET).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    }

    /** RFC 6238 Appendix B gives eight digits; six-digit codes are the same number modulo 10^6. */
    @ParameterizedTest
    @CsvSource({
            "59,          94287082",
            "1111111109,  07081804",
            "1111111111,  14050471",
            "1234567890,  89005924",
            "2000000000,  69279037",
            "20000000000, 65353130"})
    void codeWhenRfc6238VectorThenItsLastSixDigits(long unixSeconds, String eightDigits) {
        assertThat(totp.code(RFC_SECRET, Instant.ofEpochSecond(unixSeconds))).isEqualTo(eightDigits.substring(2));
    }

    @Test
    void codeWhenSecretTypedLooselyThenSameCode() {
        Instant at = Instant.ofEpochSecond(1111111109);
        String grouped = RFC_SECRET.toLowerCase().replaceAll("(.{4})", "$1 ").trim();
        assertThat(totp.code(grouped, at)).isEqualTo("081804");
        assertThat(totp.code(RFC_SECRET.substring(0, 16) + "-" + RFC_SECRET.substring(16) + "====", at)).isEqualTo("081804");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base32!", "GEZDGNBV1", "ÄÖÜ"})
    void codeWhenSecretIsNotBase32ThenClearException(String secret) {
        assertThatThrownBy(() -> totp.code(secret, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not a base32 secret");
    }

    @Test
    void matchingStepWhenCodeOfThisOrANeighbouringStepThenThatStep() {
        Instant now = Instant.ofEpochSecond(1111111111); // step 37037037, 1 s into it
        long step = 1111111111L / 30;
        assertThat(totp.matchingStep(RFC_SECRET, "050471", now)).isEqualTo(OptionalLong.of(step));
        assertThat(totp.matchingStep(RFC_SECRET, "081804", now)).as("the previous step (RFC vector at 1111111109)")
                .isEqualTo(OptionalLong.of(step - 1));
        String next = totp.code(RFC_SECRET, Instant.ofEpochSecond((step + 1) * 30));
        assertThat(totp.matchingStep(RFC_SECRET, next, now)).isEqualTo(OptionalLong.of(step + 1));
    }

    @Test
    void matchingStepWhenCodeTwoStepsAwayThenEmpty() {
        Instant now = Instant.ofEpochSecond(1111111111);
        long step = 1111111111L / 30;
        String twoBack = totp.code(RFC_SECRET, Instant.ofEpochSecond((step - 2) * 30));
        String twoAhead = totp.code(RFC_SECRET, Instant.ofEpochSecond((step + 2) * 30));
        assertThat(totp.matchingStep(RFC_SECRET, twoBack, now)).isEmpty();
        assertThat(totp.matchingStep(RFC_SECRET, twoAhead, now)).isEmpty();
    }

    @Test
    void matchingStepWhenCodeHasSpacesThenAccepted() {
        assertThat(totp.matchingStep(RFC_SECRET, "050 471", Instant.ofEpochSecond(1111111111))).isPresent();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"05047", "0504711", "05047a", "abcdef", "٠٥٠٤٧١", "+50471"})
    void matchingStepWhenNotSixAsciiDigitsThenEmpty(String typed) {
        assertThat(totp.matchingStep(RFC_SECRET, typed, Instant.ofEpochSecond(1111111111))).isEmpty();
    }

    @Test
    void newSecretIs160BitsOfTheRandomInUnpaddedBase32() {
        String secret = Totp.newSecret(new RandomIds(SeededRandom.of("totp")));
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(new Base32().decode(secret)).hasSize(20)
                .isEqualTo(new RandomIds(SeededRandom.of("totp")).bytes(20));
        assertThat(Totp.newSecret(new RandomIds(SeededRandom.of("other")))).isNotEqualTo(secret);
    }

    @Test
    void provisioningUriNamesIssuerAccountAndParameters() {
        assertThat(Totp.provisioningUri(RFC_SECRET, "alice smith@example.com")).isEqualTo(
                "otpauth://totp/Gatehouse:alice%20smith%40example.com?secret=" + RFC_SECRET
                        + "&issuer=Gatehouse&algorithm=SHA1&digits=6&period=30");
    }
}
