package dev.gatehouse.awsside;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads an error from AWS's console sign-in or STS (its code, its message or a page's text, pasted as it is) and
 * names the likely causes, each with the pre-flight check that finds it and the fix. Covers the guide's
 * troubleshooting rows ("Access Denied", "Invalid SAML response") and every refusal of AssumeRoleWithSAML and the
 * console sign-in that AWS documents (and the emulator answers). Immutable.
 */
public final class AwsErrorDecoder {
    /** A likely cause: what is wrong, the check that finds it ({@link Finding#check()}), and the fix. */
    public record Cause(String cause, String check, String fix) {
    }

    /** An error AWS answers: the words that identify it and what usually causes it. */
    public record Known(String error, Pattern pattern, List<Cause> causes) {
    }

    /** What the pasted text matched, best match first. */
    public record Decoded(String error, List<Cause> causes) {
    }

    /** Pasted text is cut here: enough for any AWS message, and the regexes never see megabytes. */
    public static final int MAX_TEXT = 8192;

    private static final List<Known> KNOWN = List.of(
            known("Access denied to AssumeRoleWithSAML (the guide's \"Access Denied\")",
                    "not authorized to perform:? sts:AssumeRoleWithSAML|access ?denied",
                    cause("The Role mapping names a role or provider ARN that differs from the account's, often only in case",
                            "role-exists", "Copy the role ARN and the SAML provider ARN from the account and compare them letter by letter."),
                    cause("The role's trust policy does not name this SAML provider as its Federated principal",
                            "trust-provider", "Use the trust policy Gatehouse generates for the role."),
                    cause("The trust policy's SAML:aud condition names another sign-in endpoint (global versus regional)",
                            "trust-audience", "Set SAML:aud to the endpoint the application posts to."),
                    cause("Assertions carry session tags or a SourceIdentity, and the trust policy does not allow sts:TagSession or sts:SetSourceIdentity",
                            "trust-session-tags", "Add sts:TagSession and sts:SetSourceIdentity to the trust policy's actions.")),
            known("Invalid SAML response (the guide's \"Invalid SAML response\")",
                    "invalid saml response|response signature invalid|your request included an invalid saml response",
                    cause("The provider's metadata was uploaded from another application instance",
                            "provider-metadata", "Download this instance's metadata and upload it to the SAML provider."),
                    cause("The signing key was rotated and the provider still holds only the old certificate",
                            "provider-certificate", "Upload the current metadata (it lists the active and the next certificate).")),
            known("The issuer is unknown to the provider", "issuer not present in specified provider",
                    cause("The provider holds metadata of another identity provider or instance (its entityID differs)",
                            "provider-metadata", "Upload this instance's metadata to the provider.")),
            known("The SAML provider does not exist", "specified provider doesn'?t exist|nosuchentity.*saml",
                    cause("The provider ARN in the Role mapping names a provider that is not in the account",
                            "provider-exists", "Create the provider with the bundle, or correct the provider name in the Role mapping.")),
            known("RoleSessionName missing or invalid", "rolesessionname",
                    cause("The RoleSessionName mapping is missing, or its value for this user is empty or has characters outside [a-zA-Z_0-9+=,.@-] or is not 2 to 64 long",
                            "role-session-name", "Map RoleSessionName to a value every user has, such as ${user:email}.")),
            known("SourceIdentity invalid", "source ?identity",
                    cause("The SourceIdentity value for this user breaks AWS's grammar (2 to 64 of [a-zA-Z_0-9+=,.@-], not starting with aws:)",
                            "source-identity", "Use a placeholder whose values fit, such as ${user:preferredUsername}.")),
            known("Session tags refused", "tagsession|principaltag|session tag",
                    cause("A session tag's key or value breaks AWS's limits, or there are more than 50",
                            "session-tags", "Shorten the values or map fewer tags."),
                    cause("The trust policy does not allow sts:TagSession", "trust-session-tags", "Add sts:TagSession to the trust policy.")),
            known("Session longer than the role allows", "durationseconds exceeds the maxsessionduration|maxsessionduration",
                    cause("SessionDuration asks for more than the role's MaxSessionDuration (default one hour)",
                            "max-session-duration", "Raise the role's maximum session duration, or lower SessionDuration.")),
            known("Wrong audience", "required audience|audience",
                    cause("The application's audience is not urn:amazon:webservices", "audience", "Set the audience to urn:amazon:webservices.")),
            known("Assertion expired or not yet valid", "not yet valid|has expired|expiredtoken",
                    cause("The assertion was used more than five minutes after it was made, or the identity center's clock is off",
                            "clock", "Launch again from the portal; keep the server's clock in sync (NTP).")),
            known("Posted to the wrong place", "recipient|destination",
                    cause("The application's ACS URL is not an AWS sign-in endpoint", "acs-url",
                            "Use https://signin.aws.amazon.com/saml or the account's regional endpoint.")),
            known("Answering a request AWS never made", "inresponseto|unsolicited",
                    cause("The response answers an AuthnRequest; AWS takes only unsolicited responses", "acs-url",
                            "Start from the portal (IdP-initiated); AWS does not send AuthnRequests.")),
            known("Subject confirmation refused", "subjectconfirmation|bearer",
                    cause("The assertion's bearer confirmation has the wrong Recipient or has expired", "acs-url",
                            "Check the ACS URL and launch again.")),
            known("Role and provider in different accounts", "outside the account|request arn is invalid|principal arn is invalid",
                    cause("The Role mapping pairs a role and a provider of different accounts, or an ARN is malformed",
                            "role-pair", "Use the role ARN and provider ARN of one account, comma-separated.")),
            known("Encrypted assertion refused", "decrypt|encrypted (saml )?assertion|requires encrypted",
                    cause("The provider requires encrypted assertions and this application sends them unencrypted", "encryption",
                            "On the AWS side tab, make a key and push it (or upload the certificate of the provider's key)."),
                    cause("The assertion is encrypted to a certificate whose private key is not on the provider (replaced or removed)", "encryption",
                            "Push a new key from the AWS side tab, or add the matching private key with update-saml-provider --add-private-key."),
                    cause("In Required mode AWS takes assertions only at the provider's own ACS URL", "acs-url",
                            "Set the ACS URL to https://signin.aws.amazon.com/saml/acs/IdP-ID (the provider's SAMLProviderUUID).")),
            known("The connection's keys are refused", "invalidclienttokenid|signaturedoesnotmatch|security token included in the request is invalid",
                    cause("The access key of the account connection is wrong, deleted or inactive", "connection",
                            "Enter a current access key pair for the connection.")));

    private AwsErrorDecoder() {
    }

    /** Every known error the text matches, in the table's order; empty when none does. */
    public static List<Decoded> decode(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String t = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
        List<Decoded> out = new ArrayList<>();
        for (Known k : KNOWN) {
            if (k.pattern().matcher(t).find()) {
                out.add(new Decoded(k.error(), k.causes()));
            }
        }
        return out;
    }

    /** The table, for the decoder page's list of what it knows. */
    public static List<Known> known() {
        return KNOWN;
    }

    private static Known known(String error, String regex, Cause... causes) {
        return new Known(error, Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), List.of(causes));
    }

    private static Cause cause(String cause, String check, String fix) {
        return new Cause(cause, check, fix);
    }

}
