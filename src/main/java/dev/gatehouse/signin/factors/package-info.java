/**
 * Second factors, one class per kind (TOTP and its recovery codes, passkeys), the passkey ceremonies checked by
 * webauthn4j ({@code Passkeys}), the enrolment pages that set them up, and the rule that administrators must have one. TOTP secrets are sealed under the master key.
 * May import directory, keys (the master key), audit, ids and web; never the rest of {@code signin}.
 */
package dev.gatehouse.signin.factors;
