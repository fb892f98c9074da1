package dev.gatehouse.awsemulator.sts;

import dev.gatehouse.awsemulator.core.AwsError;
import dev.gatehouse.awsemulator.core.AwsSamlRules;
import dev.gatehouse.awsemulator.iam.IamRole;
import dev.gatehouse.awsemulator.iam.IamService;
import dev.gatehouse.awsemulator.iam.SamlProvider;
import dev.gatehouse.samlxml.DecryptionKeys;
import dev.gatehouse.ids.RandomIds;
import dev.gatehouse.samlxml.SignedSamlVerifier;

import java.util.List;
import java.util.Optional;

/**
 * The console sign-in's decisions, without HTTP: which role pairs the response offers, whether the person must
 * choose one, the console session's length, and AssumeRoleWithSAML for the chosen pair. The role pairs are read
 * before verification only to know which pair to ask STS for; STS then verifies that pair against the signed
 * values. Thread-safe.
 */
public final class ConsoleSignIn {
    private final AssumeRoleWithSaml sts;
    private final IamService iam;
    private final RandomIds ids;
    private final SignedSamlVerifier verifier = new SignedSamlVerifier();
    private final SignInTrail trail;

    public ConsoleSignIn(AssumeRoleWithSaml sts, IamService iam, RandomIds ids) {
        this(sts, iam, ids, SignInTrail.NONE);
    }

    /** @param trail told of each AssumeRoleWithSAML the sign-in makes and of each console session it starts */
    public ConsoleSignIn(AssumeRoleWithSaml sts, IamService iam, RandomIds ids, SignInTrail trail) {
        this.sts = sts;
        this.iam = iam;
        this.ids = ids;
        this.trail = trail;
    }

    /** What the sign-in endpoint answers. */
    public sealed interface Outcome {
    }

    /** AWS's "invalid SAML response" page; {@code detail} may be {@code null}. */
    public record InvalidResponse(String detail) implements Outcome {
    }

    /**
     * STS refused the response itself (InvalidIdentityToken): AWS's invalid-response page, headed by the text its
     * troubleshooting guide documents for the case.
     *
     * @param message STS's message, e.g. {@code Response signature invalid}
     */
    public record InvalidToken(String message) implements Outcome {
        /** The heading as AWS's troubleshooting guide shows it ("Error: …" without the prefix). */
        public String heading() {
            if (message.startsWith("Issuer not present in specified provider")) {
                return "Failed to assume role: " + message;
            }
            return message + " (Service: AWSSecurityTokenService; Status Code: 400; Error Code: InvalidIdentityToken)";
        }
    }

    /** More than one role and none chosen: the role chooser, grouped by account in the order offered. */
    public record ChooseRole(List<RolePair> pairs) implements Outcome {
    }

    /** STS refused the chosen pair for another reason than the response itself. */
    public record Refused(int httpStatus, String message) implements Outcome {
    }

    /** Signed in: the session STS issued. */
    public record SignedIn(IssuedSession session) implements Outcome {
    }

    /**
     * @param samlResponse  the POSTed {@code SAMLResponse}, or {@code null}
     * @param chosenRoleArn the role the person chose on the chooser, or {@code null}
     */
    public Outcome signIn(String samlResponse, String chosenRoleArn) {
        return signIn(samlResponse, chosenRoleArn, new SignInTrail.Client(null, null), null);
    }

    /**
     * @param client  where the browser is, for the event trail
     * @param loginTo the console page the session opens, for the trail's {@code ConsoleLogin}
     */
    public Outcome signIn(String samlResponse, String chosenRoleArn, SignInTrail.Client client, String loginTo) {
        return signIn(samlResponse, chosenRoleArn, client, loginTo, null);
    }

    /**
     * @param providerUuid the IdP-ID of the provider's own ACS URL ({@code /saml/acs/<IdP-ID>}) the response was
     *                     posted to, or {@code null} for {@code /saml}; with it, an EncryptedAssertion is decrypted
     *                     with that provider's keys and only that provider's role pairs count
     */
    public Outcome signIn(String samlResponse, String chosenRoleArn, SignInTrail.Client client, String loginTo, String providerUuid) {
        DecryptionKeys keys = DecryptionKeys.NONE;
        String onlyProvider = null;
        if (providerUuid != null) {
            Optional<SamlProvider> provider = iam.findSamlProviderByUuid(providerUuid);
            if (provider.isEmpty()) {
                return new InvalidResponse(null);
            }
            keys = AssumeRoleWithSaml.decryptionKeys(provider.get());
            onlyProvider = provider.get().arn();
        }
        String acsProvider = onlyProvider;
        List<RolePair> pairs = samlResponse == null ? List.of()
                : RolePair.parse(verifier.unverifiedAttributeValues(samlResponse, AwsSamlRules.ROLE, keys)).stream()
                .filter(p -> acsProvider == null || p.providerArn().equals(acsProvider)).toList();
        if (pairs.isEmpty()) {
            return new InvalidResponse(null);
        }
        Optional<RolePair> pair;
        if (chosenRoleArn != null && !chosenRoleArn.isBlank()) {
            pair = pairs.stream().filter(p -> p.roleArn().equals(chosenRoleArn.trim())).findFirst();
        } else if (pairs.size() == 1) {
            pair = Optional.of(pairs.get(0));
        } else {
            return new ChooseRole(pairs);
        }
        if (pair.isEmpty()) {
            return new InvalidResponse("The chosen role is not one of the roles in the SAML response.");
        }
        int seconds = consoleSeconds(samlResponse, pair.get().roleArn(), keys);
        try {
            AssumeRoleWithSaml.Result result = sts.assume(AssumeRoleWithSamlRequest.of(pair.get().roleArn(),
                    pair.get().providerArn(), samlResponse, Integer.toString(seconds), null, List.of()));
            trail.signedIn(pair.get(), seconds, result, loginTo, client);
            return new SignedIn(result.session());
        } catch (AwsError e) {
            trail.refused(pair.get(), seconds, e, client);
            if (e.code().equals("InvalidIdentityToken")) {
                return new InvalidToken(e.getMessage());
            }
            return new Refused(e.httpStatus(), e.getMessage() + " (Service: AWSSecurityTokenService; Status Code: "
                    + e.httpStatus() + "; Error Code: " + e.code() + "; Request ID: " + ids.uuid() + "). Please try again.");
        }
    }

    /**
     * The console session's length: the SessionDuration attribute or the default, capped at the role's
     * MaxSessionDuration, since that limit is for API callers' DurationSeconds and must not refuse a console sign-in.
     */
    private int consoleSeconds(String samlResponse, String roleArn, DecryptionKeys keys) {
        int seconds = AwsSamlRules.sessionDuration(verifier.unverifiedAttributeValues(samlResponse, AwsSamlRules.SESSION_DURATION, keys))
                .orElse(AwsSamlRules.DEFAULT_SESSION_SECONDS);
        int max = iam.findRoleByArn(roleArn).map(IamRole::maxSessionDurationSeconds).orElse(seconds);
        return Math.min(seconds, max);
    }
}
