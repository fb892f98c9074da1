package dev.gatehouse.awsemulator.sts;

import dev.gatehouse.awsemulator.core.AwsError;
import dev.gatehouse.awsemulator.core.AwsSamlRules;
import dev.gatehouse.samlxml.VerifiedAssertion;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * AWS's rules for a verified assertion (aws-saml-spec §2, §3, §9 steps 7–10), as a validator that collects every
 * problem with its STS error; the caller answers with the first, in checklist order. Also decides the
 * {@code saml:aud} / {@code Audience} value: the Recipient, with the emulator's own {@code /saml} counting as
 * {@code https://signin.aws.amazon.com/saml}. Thread-safe (immutable).
 */
final class SamlAssertionRules {
    static final String AWS_SIGNIN = "https://signin.aws.amazon.com/saml";
    private static final List<String> AUDIENCES = List.of("urn:amazon:webservices", AWS_SIGNIN);
    private static final Pattern REGIONAL_SIGNIN = Pattern.compile("https://[a-z]{2}(-[a-z]+)+-\\d\\.signin\\.aws\\.amazon\\.com/saml");
    static final String NOT_AUTHORIZED = "Not authorized to perform sts:AssumeRoleWithSAML";

    private final Supplier<String> baseUrl;
    private final Duration skew;

    /**
     * @param baseUrl the emulator's public base URL (known only once the server listens); {@code <baseUrl>/saml}
     *                is accepted as a Recipient
     * @param skew    tolerance applied to every time bound
     */
    SamlAssertionRules(Supplier<String> baseUrl, Duration skew) {
        this.baseUrl = baseUrl;
        this.skew = skew;
    }

    /** The provider an assertion is checked for: its IdP-ID, and whether it takes only its own ACS URL. */
    record Receiver(String providerUuid, boolean acsOnly) {
        static final Receiver ANY = new Receiver(null, false);
    }

    List<AwsError> check(VerifiedAssertion a, Instant now) {
        return check(a, now, Receiver.ANY);
    }

    /** Every rule broken by {@code a} at {@code now}, each as the STS error AWS answers with. */
    List<AwsError> check(VerifiedAssertion a, Instant now, Receiver receiver) {
        List<AwsError> problems = new ArrayList<>();
        // Every AudienceRestriction must admit AWS (SAML core 2.5.1.4); one naming only another party excludes AWS.
        if (a.audienceRestrictions().isEmpty()
                || a.audienceRestrictions().stream().anyMatch(r -> r.stream().noneMatch(AUDIENCES::contains))) {
            problems.add(invalidToken("Response does not contain the required audience."));
        }
        List<VerifiedAssertion.SubjectConfirmation> bearer = a.subjectConfirmations();
        if (bearer.size() != 1 || !"urn:oasis:names:tc:SAML:2.0:cm:bearer".equals(bearer.get(0).method())
                || bearer.get(0).recipient() == null || bearer.get(0).notOnOrAfter() == null) {
            problems.add(invalidToken("Response must contain exactly one bearer SubjectConfirmation whose "
                    + "SubjectConfirmationData has a Recipient and a NotOnOrAfter."));
        } else {
            VerifiedAssertion.SubjectConfirmation c = bearer.get(0);
            if (audienceOf(c.recipient(), receiver).isEmpty()) {
                problems.add(invalidToken("The Recipient of the response is not an AWS sign-in endpoint."));
            }
            if (c.inResponseTo() != null) {
                problems.add(invalidToken("The response answers a request (InResponseTo) but AWS accepts only unsolicited responses."));
            }
            if (!now.isBefore(c.notOnOrAfter().plus(skew))) {
                problems.add(expired());
            }
            if (c.notBefore() != null && now.isBefore(c.notBefore().minus(skew))) {
                problems.add(invalidToken("Response is not yet valid."));
            }
        }
        // SAML bindings §3.5.5.2: a Destination, when present, must name the endpoint that received the response.
        if (a.responseDestination() != null && audienceOf(a.responseDestination(), receiver).isEmpty()) {
            problems.add(invalidToken("The Destination of the response is not an AWS sign-in endpoint."));
        }
        if (a.responseInResponseTo() != null && problems.stream().noneMatch(p -> p.getMessage().contains("InResponseTo"))) {
            problems.add(invalidToken("The response answers a request (InResponseTo) but AWS accepts only unsolicited responses."));
        }
        if (a.notOnOrAfter() != null && !now.isBefore(a.notOnOrAfter().plus(skew))) {
            problems.add(expired());
        }
        if (a.notBefore() != null && now.isBefore(a.notBefore().minus(skew))) {
            problems.add(invalidToken("Response is not yet valid."));
        }
        if (a.sessionNotOnOrAfter() != null && !now.isBefore(a.sessionNotOnOrAfter())) {
            problems.add(expired());
        }
        if (a.nameId() == null || a.nameId().isBlank()) {
            problems.add(AwsError.accessDenied(NOT_AUTHORIZED));
        }
        List<String> sessionNames = a.attribute(AwsSamlRules.ROLE_SESSION_NAME);
        if (sessionNames.isEmpty()) {
            problems.add(invalidToken("RoleSessionName is required in AuthnResponse"));
        } else if (sessionNames.size() > 1 || !AwsSamlRules.SESSION_NAME.matcher(sessionNames.get(0).trim()).matches()) {
            problems.add(invalidToken("RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}"));
        }
        List<String> sourceIdentity = a.attribute(AwsSamlRules.SOURCE_IDENTITY);
        if (!sourceIdentity.isEmpty() && (sourceIdentity.size() > 1 || !AwsSamlRules.SESSION_NAME.matcher(sourceIdentity.get(0)).matches()
                || sourceIdentity.get(0).regionMatches(true, 0, "aws:", 0, 4))) {
            problems.add(invalidToken("Source Identity must match [a-zA-Z_0-9+=,.@-]{2,64} and not begin with \"aws:\""));
        }
        return problems;
    }

    /**
     * The {@code saml:aud} value for a Recipient, empty when the Recipient is no sign-in endpoint: AWS's own
     * endpoints stand for themselves, the emulator's {@code /saml} stands for {@code https://signin.aws.amazon.com/saml}.
     */
    Optional<String> audienceOf(String recipient) {
        return audienceOf(recipient, Receiver.ANY);
    }

    /**
     * As {@link #audienceOf(String)}, also accepting the provider's own ACS URL {@code …/saml/acs/<IdP-ID>} (the
     * emulator's standing for {@code https://signin.aws.amazon.com/saml/acs/<IdP-ID>}); when the provider requires
     * encryption, only that URL (IAM User Guide: "If SAML encryption is required, the sign-in URL must include the
     * unique identifier … /acs/ appended").
     */
    Optional<String> audienceOf(String recipient, Receiver receiver) {
        if (recipient == null) {
            return Optional.empty();
        }
        if (receiver.providerUuid() != null) {
            String acs = "/saml/acs/" + receiver.providerUuid();
            if (recipient.equals(AWS_SIGNIN + "/acs/" + receiver.providerUuid())
                    || recipient.endsWith(acs) && REGIONAL_SIGNIN.matcher(recipient.substring(0, recipient.length() - acs.length() + 5)).matches()) {
                return Optional.of(recipient);
            }
            if (sameUrl(recipient, stripSlash(baseUrl.get()) + acs)) {
                return Optional.of(AWS_SIGNIN + "/acs/" + receiver.providerUuid());
            }
        }
        if (receiver.acsOnly()) {
            return Optional.empty();
        }
        if (recipient.equals(AWS_SIGNIN) || REGIONAL_SIGNIN.matcher(recipient).matches()) {
            return Optional.of(recipient);
        }
        if (sameUrl(recipient, stripSlash(baseUrl.get()) + "/saml")) {
            return Optional.of(AWS_SIGNIN);
        }
        return Optional.empty();
    }

    /** Whether the Role attribute values hold the pair (either order, trimmed, exact otherwise). */
    static boolean hasRolePair(VerifiedAssertion a, String roleArn, String providerArn) {
        for (String value : a.attribute(AwsSamlRules.ROLE)) {
            String[] parts = value.split(",");
            if (parts.length == 2) {
                String first = parts[0].trim();
                String second = parts[1].trim();
                if (first.equals(roleArn) && second.equals(providerArn) || first.equals(providerArn) && second.equals(roleArn)) {
                    return true;
                }
            }
        }
        return false;
    }

    static AwsError invalidToken(String message) {
        return new AwsError("InvalidIdentityToken", message, 400);
    }

    static AwsError expired() {
        return new AwsError("ExpiredTokenException", "Response has expired", 400);
    }

    private static boolean sameUrl(String a, String b) {
        try {
            URI x = URI.create(a);
            URI y = URI.create(b);
            return x.getScheme() != null && x.getScheme().equalsIgnoreCase(y.getScheme())
                    && x.getHost() != null && x.getHost().equalsIgnoreCase(y.getHost())
                    && effectivePort(x) == effectivePort(y)
                    && stripSlash(x.getPath() == null ? "" : x.getPath()).equals(stripSlash(y.getPath()))
                    && x.getRawQuery() == null && x.getRawFragment() == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
