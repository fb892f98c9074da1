package dev.gatehouse.awsemulator.sts;

import dev.gatehouse.awsemulator.core.Arn;
import dev.gatehouse.awsemulator.core.AwsError;
import dev.gatehouse.awsemulator.core.AwsSamlRules;
import dev.gatehouse.awsemulator.core.SessionContext;
import dev.gatehouse.awsemulator.iam.IamRole;
import dev.gatehouse.awsemulator.iam.IamService;
import dev.gatehouse.awsemulator.iam.MalformedPolicyDocumentException;
import dev.gatehouse.awsemulator.iam.PolicyDocument;
import dev.gatehouse.awsemulator.iam.SamlProvider;
import dev.gatehouse.awsemulator.iam.SamlProviderKey;
import dev.gatehouse.samlxml.DecryptionKeys;
import dev.gatehouse.ids.RandomIds;
import dev.gatehouse.samlxml.SamlVerification;
import dev.gatehouse.samlxml.SignedSamlVerifier;
import dev.gatehouse.samlxml.VerifiedAssertion;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * STS AssumeRoleWithSAML without HTTP: the checklist of aws-saml-spec §9 in order (parameters, ARNs, provider,
 * issuer, signature over metadata certificates only, audience, subject confirmation and time window, NameID,
 * session name and source identity, role pair, role, trust policy, duration) and, when all hold, temporary
 * credentials. Every refusal is an {@link AwsError} with AWS's code, status and message. Thread-safe.
 */
public final class AssumeRoleWithSaml {
    private static final String NAMEID_PREFIX = "urn:oasis:names:tc:SAML:2.0:nameid-format:";
    /** AWS's wording is not documented for these two; the texts are the emulator's own. */
    static final String UNDECRYPTABLE = "Unable to decrypt the encrypted SAML assertion with the provider's private keys.";
    static final String ENCRYPTION_REQUIRED = "The SAML provider requires encrypted assertions; the response carries a plaintext assertion.";
    private static final String TRANSITIVE_TAG_KEYS = "https://aws.amazon.com/SAML/Attributes/TransitiveTagKeys";

    private final IamService iam;
    private final SessionCredentialStore sessions;
    private final SignedSamlVerifier verifier;
    private final TrustPolicyEvaluator trust = new TrustPolicyEvaluator();
    private final SamlAssertionRules rules;
    private final Clock clock;
    private final RandomIds ids;

    /**
     * @param ids       request ids in AWS's messages
     * @param baseUrl   the emulator's public URL, read per call ({@code <baseUrl>/saml} is accepted as Recipient)
     * @param skew      clock-skew tolerance on the assertion's time bounds
     * @param allowSha1 also accept RSA-SHA1 signatures and SHA-1 digests (off unless the operator asks)
     */
    public AssumeRoleWithSaml(IamService iam, SessionCredentialStore sessions, Clock clock, RandomIds ids,
                              Supplier<String> baseUrl, Duration skew, boolean allowSha1) {
        this.verifier = new SignedSamlVerifier(allowSha1);
        this.iam = iam;
        this.sessions = sessions;
        this.clock = clock;
        this.ids = ids;
        this.rules = new SamlAssertionRules(baseUrl, skew);
    }

    /** The answer of a successful call (aws-saml-spec §4.3). */
    public record Result(IssuedSession session, int packedPolicySize, String subject, String subjectType,
                         String issuer, String audience, String nameQualifier, String sourceIdentity) {
    }

    public Result assume(AssumeRoleWithSamlRequest request) {
        Arn role = request.role();
        Arn provider = request.provider();
        if (!role.accountId().equals(provider.accountId())) {
            throw AwsError.validationError("Principal exists outside the account of the Role being assumed.");
        }
        SamlProvider samlProvider = findProvider(request.principalArn());
        VerifiedAssertion assertion = verify(request.samlAssertion(), samlProvider);
        Instant now = clock.instant();
        SamlAssertionRules.Receiver receiver = new SamlAssertionRules.Receiver(samlProvider.uuid(), samlProvider.encryptionRequired());
        List<AwsError> problems = rules.check(assertion, now, receiver);
        if (!problems.isEmpty()) {
            throw problems.get(0);
        }
        if (!SamlAssertionRules.hasRolePair(assertion, request.roleArn(), request.principalArn())) {
            throw AwsError.accessDenied(SamlAssertionRules.NOT_AUTHORIZED);
        }
        IamRole iamRole = iam.findRoleByArn(request.roleArn())
                .orElseThrow(() -> AwsError.accessDenied(SamlAssertionRules.NOT_AUTHORIZED));

        String accountId = role.accountId();
        String audience = rules.audienceOf(assertion.subjectConfirmations().get(0).recipient(), receiver).orElseThrow();
        String subjectType = subjectType(assertion.nameIdFormat());
        String nameQualifier = nameQualifier(assertion.issuer(), accountId, provider.name());
        String sessionName = assertion.attribute(AwsSamlRules.ROLE_SESSION_NAME).get(0).trim();
        List<String> sourceIdentities = assertion.attribute(AwsSamlRules.SOURCE_IDENTITY);
        String sourceIdentity = sourceIdentities.isEmpty() ? null : sourceIdentities.get(0);
        Map<String, String> tags = principalTags(assertion);

        List<String> actions = new ArrayList<>(List.of("sts:AssumeRoleWithSAML"));
        if (!tags.isEmpty()) {
            actions.add("sts:TagSession");
        }
        if (sourceIdentity != null) {
            actions.add("sts:SetSourceIdentity");
        }
        Map<String, List<String>> context = SamlConditionKeys.of(assertion, audience, subjectType, nameQualifier,
                accountId, provider.name(), sourceIdentity, tags);
        if (!trusts(iamRole, request.principalArn(), actions, context)) {
            throw AwsError.accessDenied(SamlAssertionRules.NOT_AUTHORIZED);
        }
        if (request.policy() != null) {
            try {
                PolicyDocument.parseIdentityPolicy(request.policy());
            } catch (MalformedPolicyDocumentException e) {
                throw new AwsError("MalformedPolicyDocument", e.getMessage(), 400);
            }
        }
        for (String policyArn : request.policyArns()) {
            requireSessionPolicy(policyArn, accountId);
        }
        int requested = request.durationSeconds() == null ? AwsSamlRules.DEFAULT_SESSION_SECONDS : request.durationSeconds();
        if (requested > iamRole.maxSessionDurationSeconds()) {
            throw AwsError.validationError("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        Instant expires = now.plusSeconds(requested);
        expires = earliest(expires, assertion.sessionNotOnOrAfter());
        OptionalInt sessionDuration = AwsSamlRules.sessionDuration(assertion.attribute(AwsSamlRules.SESSION_DURATION));
        if (sessionDuration.isPresent()) {
            expires = earliest(expires, now.plusSeconds(sessionDuration.getAsInt()));
        }
        Map<String, List<String>> samlKeys = new LinkedHashMap<>();
        context.forEach((key, values) -> {
            if (key.startsWith("saml:")) {
                samlKeys.put(key, List.copyOf(values));
            }
        });
        SessionContext sessionContext = new SessionContext(null, iamRole.arn(), iamRole.roleName(), now, tags,
                assertion.attribute(TRANSITIVE_TAG_KEYS), sourceIdentity, samlKeys, request.policy(),
                request.policyArns());
        IssuedSession session = sessions.issue(accountId, iamRole.roleName(), iamRole.roleId(), sessionName,
                sourceIdentity, now, expires, sessionContext);
        // An unsigned call names no region; the global endpoint's is us-east-1, as on AWS.
        iam.recordRoleUse(iamRole, "us-east-1");
        return new Result(session, packedPolicySize(request, tags), assertion.nameId(), subjectType,
                assertion.issuer(), audience, nameQualifier, sourceIdentity);
    }

    /** A managed session policy must exist: AWS managed, or a customer managed policy of the role's account. */
    private void requireSessionPolicy(String policyArn, String accountId) {
        boolean usable;
        try {
            Arn arn = Arn.parse(policyArn);
            usable = arn.resourceType().equals("policy") && (arn.accountId().equals(accountId) || arn.accountId().equals("aws"));
        } catch (IllegalArgumentException e) {
            usable = false;
        }
        if (usable) {
            try {
                iam.getPolicy(accountId, policyArn);
            } catch (AwsError e) {
                usable = false;
            }
        }
        if (!usable) {
            throw new AwsError("InvalidParameterValue", "Policy " + policyArn + " does not exist or is not attachable.", 400);
        }
    }

    private SamlProvider findProvider(String principalArn) {
        // A missing provider is reported in STS's words, not IAM's NoSuchEntity.
        return iam.findSamlProvider(principalArn)
                .orElseThrow(() -> SamlAssertionRules.invalidToken("Specified provider doesn't exist."));
    }

    private VerifiedAssertion verify(String samlAssertion, SamlProvider provider) {
        SamlVerification result = verifier.verify(samlAssertion, provider.entityId(), provider.signingCertificates(), decryptionKeys(provider));
        if (result instanceof SamlVerification.Verified verified) {
            return verified.assertion();
        }
        SamlVerification.Failed failed = (SamlVerification.Failed) result;
        throw switch (failed.failure()) {
            case ISSUER_MISSING, ISSUER_MISMATCH -> SamlAssertionRules.invalidToken("Issuer not present in specified provider "
                    + "(Service: AWSOpenIdDiscoveryService; Status Code: 400; Error Code: AuthSamlInvalidSamlResponseException; "
                    + "Request ID: " + ids.uuid() + "; Proxy: null)");
            case MALFORMED, NOT_A_RESPONSE -> SamlAssertionRules.invalidToken("Invalid SAML response: " + failed.detail());
            case STATUS_NOT_SUCCESS -> SamlAssertionRules.invalidToken("Invalid SAML response: " + failed.detail());
            // One text for every decryption failure (wrong key, tampered ciphertext, unsupported algorithm): no oracle.
            case UNDECRYPTABLE -> SamlAssertionRules.invalidToken(UNDECRYPTABLE);
            case ENCRYPTION_REQUIRED -> SamlAssertionRules.invalidToken(ENCRYPTION_REQUIRED);
            default -> SamlAssertionRules.invalidToken("Response signature invalid");
        };
    }

    /** The provider's private keys, oldest first, and whether it takes encrypted assertions only. */
    static DecryptionKeys decryptionKeys(SamlProvider provider) {
        return new DecryptionKeys(provider.privateKeys().stream().map(SamlProviderKey::key).toList(), provider.encryptionRequired());
    }

    private boolean trusts(IamRole role, String providerArn, List<String> actions, Map<String, List<String>> context) {
        PolicyDocument policy;
        try {
            policy = PolicyDocument.parseTrustPolicy(role.assumeRolePolicyDocument());
        } catch (MalformedPolicyDocumentException e) {
            return false;
        }
        return trust.evaluateAll(policy, providerArn, actions, context) == TrustPolicyEvaluator.Decision.ALLOW;
    }

    /** NameID Format with the SAML 2.0 prefix stripped; other formats are returned whole (aws-saml-spec §4.3). */
    static String subjectType(String format) {
        if (format == null) {
            return null;
        }
        return format.startsWith(NAMEID_PREFIX) ? format.substring(NAMEID_PREFIX.length()) : format;
    }

    /** {@code Base64(SHA1(issuer + accountId + "/" + providerName))}, as AWS computes it. */
    static String nameQualifier(String issuer, String accountId, String providerName) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((issuer + accountId + "/" + providerName).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> principalTags(VerifiedAssertion assertion) {
        Map<String, String> tags = new LinkedHashMap<>();
        assertion.attributes().forEach((name, values) -> {
            if (name.startsWith(AwsSamlRules.PRINCIPAL_TAG_PREFIX) && !values.isEmpty()) {
                tags.put(name.substring(AwsSamlRules.PRINCIPAL_TAG_PREFIX.length()), values.get(0));
            }
        });
        return tags;
    }

    /** A rough share of the packed session-policy-and-tags allowance, in percent, as AWS reports it. */
    private static int packedPolicySize(AssumeRoleWithSamlRequest request, Map<String, String> tags) {
        int bytes = request.policy() == null ? 0 : request.policy().length();
        for (String arn : request.policyArns()) {
            bytes += arn.length();
        }
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            bytes += tag.getKey().length() + tag.getValue().length();
        }
        return (int) Math.ceil(bytes * 100.0 / 2048);
    }

    private static Instant earliest(Instant a, Instant b) {
        return b != null && b.isBefore(a) ? b : a;
    }
}
