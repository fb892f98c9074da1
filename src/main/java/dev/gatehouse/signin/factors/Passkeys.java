package dev.gatehouse.signin.factors;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.VerificationException;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.ids.RandomIds;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Passkeys (WebAuthn): the registration and sign-in ceremonies, checked by webauthn4j. The relying party is the
 * public base URL: its host is the RP ID and its origin the only origin accepted. Every ceremony starts with a
 * server-side challenge that works once and for five minutes. At sign-in the authenticator's signature counter must
 * increase (when it is non-zero): a counter that does not is a cloned authenticator and is refused, audited.
 * Passwordless sign-in requires user verification (the PIN or biometric makes the passkey two factors); as a second
 * factor after the password, user presence suffices. Registrations and removals are audited here.
 */
public final class Passkeys {
    /** How long a challenge stays usable. */
    public static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(5);
    /** Longest passkey name a user may give. */
    public static final int MAX_NAME = 100;
    /** Longest response accepted from the browser (a registration with attestation stays far below this). */
    public static final int MAX_RESPONSE = 64 * 1024;

    private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.EdDSA),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));
    private static final Base64.Encoder B64U = Base64.getUrlEncoder().withoutPadding();

    /** A passkey ceremony refused; {@code reason} is for the audit log and the page, never a secret. */
    public static final class Refused extends Exception {
        public Refused(String reason) {
            super(reason);
        }
    }

    /** What the browser needs for {@code navigator.credentials.create}: all byte values base64url. */
    public record RegistrationOptions(String challenge, String rpId, String rpName, String userHandle, String userName,
                                      List<Long> algorithms, List<String> excludeCredentials) {
    }

    /** What the browser needs for {@code navigator.credentials.get}: an empty allow list means discoverable. */
    public record SignInOptions(String challenge, String rpId, List<String> allowCredentials, String userVerification) {
    }

    private final PasskeyStore store;
    private final Clock clock;
    private final RandomIds ids;
    private final AuditLog audit;
    private final String rpId;
    private final Origin origin;
    private final ObjectConverter converter = new ObjectConverter();
    private final WebAuthnManager webAuthn = WebAuthnManager.createNonStrictWebAuthnManager(converter);

    /** {@code baseUrl} is the public base URL ({@code --base-url}): its host is the RP ID. */
    public Passkeys(PasskeyStore store, String baseUrl, Clock clock, RandomIds ids, AuditLog audit) {
        this.store = store;
        this.clock = clock;
        this.ids = ids;
        this.audit = audit;
        URI uri = URI.create(baseUrl);
        this.rpId = uri.getHost();
        this.origin = new Origin(uri.getScheme() + "://" + uri.getRawAuthority());
    }

    public String rpId() {
        return rpId;
    }

    public List<PasskeyStore.Passkey> list(String userId) {
        return store.forUser(userId);
    }

    /** Every user with at least one passkey. */
    public java.util.Set<String> usersWithPasskeys() {
        return store.usersWithPasskeys();
    }

    /** Removes every passkey of the user (an administrator's reset, audited by the caller); how many there were. */
    public int removeAll(String userId) {
        return store.removeAll(userId);
    }

    public boolean enrolled(String userId) {
        return !store.forUser(userId).isEmpty();
    }

    /** Starts a registration for the signed-in user; the user's existing passkeys are excluded. */
    public RegistrationOptions startRegistration(String userId, String userName) {
        String handle = store.userHandle(userId).orElseGet(() -> B64U.encodeToString(ids.bytes(32)));
        String challenge = newChallenge(PasskeyStore.Purpose.REGISTER, userId, handle);
        List<String> exclude = store.forUser(userId).stream().map(PasskeyStore.Passkey::credentialId).toList();
        List<Long> algorithms = ALGORITHMS.stream().map(p -> p.getAlg().getValue()).toList();
        return new RegistrationOptions(challenge, rpId, "Gatehouse", handle, userName, algorithms, exclude);
    }

    /**
     * Checks the browser's answer to {@link #startRegistration} ({@code PublicKeyCredential.toJSON()}) and stores
     * the passkey under {@code name}.
     */
    public PasskeyStore.Passkey finishRegistration(String userId, String userName, String name, String responseJson)
            throws Refused {
        String label = name == null ? "" : name.strip();
        if (label.isEmpty() || label.length() > MAX_NAME || label.chars().anyMatch(Character::isISOControl)) {
            throw new Refused("a passkey needs a name of 1 to " + MAX_NAME + " characters");
        }
        RegistrationData data;
        try {
            data = webAuthn.parseRegistrationResponseJSON(bounded(responseJson));
        } catch (RuntimeException e) {
            throw new Refused("the browser's answer could not be read");
        }
        String challenge = challengeOf(data.getCollectedClientData() == null ? null
                : data.getCollectedClientData().getChallenge());
        Optional<String> handle = challenge == null ? Optional.empty()
                : store.takeChallenge(challenge, PasskeyStore.Purpose.REGISTER, userId);
        if (handle.isEmpty() || handle.get().isEmpty()) {
            throw new Refused("the registration expired or was already used; try again");
        }
        try {
            webAuthn.verify(data, new RegistrationParameters(server(challenge), ALGORITHMS, false, true));
        } catch (VerificationException | DataConversionException e) {
            audit.record(userName, "PASSKEY_REFUSED", userId, "registration: " + e.getClass().getSimpleName());
            throw new Refused("the passkey could not be verified");
        }
        AuthenticatorData<?> authData = data.getAttestationObject().getAuthenticatorData();
        AttestedCredentialData credential = authData.getAttestedCredentialData();
        Set<String> transports = new TreeSet<>();
        if (data.getTransports() != null) {
            data.getTransports().stream().map(AuthenticatorTransport::getValue).filter(Objects::nonNull)
                    .filter(t -> t.matches("[a-z-]{1,20}")).limit(8).forEach(transports::add);
        }
        PasskeyStore.Passkey passkey = new PasskeyStore.Passkey(B64U.encodeToString(credential.getCredentialId()),
                userId, handle.get(), B64U.encodeToString(converter.getCborConverter().writeValueAsBytes(credential.getCOSEKey())),
                authData.getSignCount(), authData.isFlagUV(), transports, label, clock.instant(), null);
        if (!store.add(passkey)) {
            throw new Refused("this passkey is already registered");
        }
        audit.record(userName, "PASSKEY_REGISTERED", userId, label);
        return passkey;
    }

    /** Removes one of the user's passkeys, audited; {@code false} when the user has no such passkey. */
    public boolean remove(String userId, String actor, String credentialId) {
        Optional<PasskeyStore.Passkey> passkey = store.find(credentialId).filter(p -> p.userId().equals(userId));
        if (passkey.isEmpty() || !store.remove(userId, credentialId)) {
            return false;
        }
        audit.record(actor, "PASSKEY_REMOVED", userId, passkey.get().name());
        return true;
    }

    /** Starts a second-factor sign-in for a user who has given their password: only their passkeys are allowed. */
    public SignInOptions startSecondFactor(String userId) {
        List<String> allow = store.forUser(userId).stream().map(PasskeyStore.Passkey::credentialId).toList();
        return new SignInOptions(newChallenge(PasskeyStore.Purpose.SECOND_FACTOR, userId, null), rpId, allow, "preferred");
    }

    /** Starts a passwordless sign-in: any discoverable passkey of this relying party, user verification required. */
    public SignInOptions startPasswordless() {
        return new SignInOptions(newChallenge(PasskeyStore.Purpose.PASSWORDLESS, null, null), rpId, List.of(), "required");
    }

    /** Checks a second-factor answer: a passkey of {@code userId}; the passkey used. */
    public PasskeyStore.Passkey verifySecondFactor(String userId, String userName, String responseJson) throws Refused {
        return verify(PasskeyStore.Purpose.SECOND_FACTOR, userId, userName, responseJson);
    }

    /** Checks a passwordless answer; the passkey used, whose {@code userId} is who signed in. */
    public PasskeyStore.Passkey verifyPasswordless(String responseJson) throws Refused {
        return verify(PasskeyStore.Purpose.PASSWORDLESS, null, null, responseJson);
    }

    private PasskeyStore.Passkey verify(PasskeyStore.Purpose purpose, String userId, String userName, String json)
            throws Refused {
        AuthenticationData data;
        try {
            data = webAuthn.parseAuthenticationResponseJSON(bounded(json));
        } catch (RuntimeException e) {
            throw new Refused("the browser's answer could not be read");
        }
        String challenge = challengeOf(data.getCollectedClientData() == null ? null
                : data.getCollectedClientData().getChallenge());
        if (challenge == null || store.takeChallenge(challenge, purpose, userId).isEmpty()) {
            throw new Refused("the sign-in expired or was already used; try again");
        }
        Optional<PasskeyStore.Passkey> found = data.getCredentialId() == null ? Optional.empty()
                : store.find(B64U.encodeToString(data.getCredentialId()));
        if (found.isEmpty() || (userId != null && !found.get().userId().equals(userId))) {
            throw new Refused("this passkey is not registered");
        }
        PasskeyStore.Passkey passkey = found.get();
        String actor = userName != null ? userName : passkey.userId();
        boolean passwordless = purpose == PasskeyStore.Purpose.PASSWORDLESS;
        if (passwordless && (data.getUserHandle() == null
                || !B64U.encodeToString(data.getUserHandle()).equals(passkey.userHandle()))) {
            throw new Refused("this passkey is not registered");
        }
        try {
            webAuthn.verify(data, new AuthenticationParameters(server(challenge), record(passkey), null, passwordless, true));
        } catch (MaliciousCounterValueException e) {
            audit.record(actor, "PASSKEY_REFUSED", passkey.userId(), "counter did not increase (cloned authenticator?): " + passkey.name());
            throw new Refused("this passkey was refused");
        } catch (VerificationException | DataConversionException e) {
            audit.record(actor, "PASSKEY_REFUSED", passkey.userId(), e.getClass().getSimpleName() + ": " + passkey.name());
            throw new Refused("this passkey was refused");
        }
        long counter = data.getAuthenticatorData().getSignCount();
        if (!store.recordUse(passkey.credentialId(), passkey.signCount(), counter)) {
            audit.record(actor, "PASSKEY_REFUSED", passkey.userId(), "counter did not increase (cloned authenticator?): " + passkey.name());
            throw new Refused("this passkey was refused");
        }
        return passkey;
    }

    private CredentialRecordImpl record(PasskeyStore.Passkey passkey) {
        COSEKey key = converter.getCborConverter().readValue(Base64.getUrlDecoder().decode(passkey.publicKey()), COSEKey.class);
        AttestedCredentialData credential = new AttestedCredentialData(AAGUID.ZERO,
                Base64.getUrlDecoder().decode(passkey.credentialId()), key);
        return new CredentialRecordImpl(new NoneAttestationStatement(), passkey.uvInitialized(), null, null,
                passkey.signCount(), credential, null, null, null, null);
    }

    private ServerProperty server(String challenge) {
        return ServerProperty.builder().origin(origin).rpId(rpId).challenge(new DefaultChallenge(challenge)).build();
    }

    private String newChallenge(PasskeyStore.Purpose purpose, String userId, String userHandle) {
        String challenge = B64U.encodeToString(ids.bytes(32));
        store.saveChallenge(challenge, purpose, userId, userHandle, clock.instant().plus(CHALLENGE_LIFETIME));
        return challenge;
    }

    private static String challengeOf(com.webauthn4j.data.client.challenge.Challenge challenge) {
        return challenge == null || challenge.getValue() == null ? null : B64U.encodeToString(challenge.getValue());
    }

    private static String bounded(String json) throws Refused {
        if (json == null || json.isBlank() || json.length() > MAX_RESPONSE) {
            throw new Refused("the browser's answer is missing or too long");
        }
        return json;
    }
}
