package dev.gatehouse.awsside;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.samlxml.SafeXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The pre-flight checks that read the account through its connection: the SAML provider (exists with this exact
 * name, holds this instance's metadata and active certificate), the role (exists with this exact case, its trust
 * policy admits the provider for the right audience and allows tagging and SourceIdentity when they are sent, its
 * MaxSessionDuration, its policies). Read-only IAM calls; one finding per check. Thread-safe.
 */
final class LiveChecks {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IAM_VERSION = "2010-05-08";
    private static final String ACCESS_DENIED = "AccessDenied: Not authorized to perform sts:AssumeRoleWithSAML";

    private final AwsApiClient client;

    LiveChecks(AwsApiClient client) {
        this.client = client;
    }

    /**
     * @param entityId     the instance's issuer, which the provider's metadata must carry
     * @param certificates the base64 DER of the published certificates, the active one first
     */
    List<Finding> run(AwsConnection connection, AwsTarget target, String entityId, List<String> certificates) {
        return run(connection, List.of(target), entityId, certificates);
    }

    /** The checks of one account's roles, which share its SAML provider: the provider once, then each role. */
    List<Finding> run(AwsConnection connection, List<AwsTarget> roles, String entityId, List<String> certificates) {
        List<Finding> out = new ArrayList<>();
        try {
            providerChecks(connection, roles.get(0), entityId, certificates, out);
            for (AwsTarget role : roles) {
                roleChecks(connection, role, out);
            }
        } catch (AwsApiClient.AwsApiError e) {
            out.add(new Finding("connection", Finding.Severity.ERROR, "The account could not be read with the connection: "
                    + e.quoted(), null, "Check the connection's keys and endpoints, and that it may call iam:Get* and iam:List*."));
        }
        return out;
    }

    private void providerChecks(AwsConnection c, AwsTarget target, String entityId, List<String> certificates, List<Finding> out)
            throws AwsApiClient.AwsApiError {
        Document provider;
        try {
            provider = iam(c, Map.of("Action", "GetSAMLProvider", "SAMLProviderArn", target.providerArn()));
        } catch (AwsApiClient.AwsApiError e) {
            if (!"NoSuchEntity".equals(e.code())) {
                throw e;
            }
            Optional<String> otherCase = listed(c, Map.of("Action", "ListSAMLProviders"), "Arn")
                    .stream().filter(arn -> arn.equalsIgnoreCase(target.providerArn())).findFirst();
            out.add(new Finding("provider-exists", Finding.Severity.ERROR, otherCase
                    .map(arn -> "The account has the provider as " + arn + ": the Role mapping's " + target.providerArn() + " differs in case.")
                    .orElse("The account has no SAML provider " + target.providerArn() + "."),
                    "InvalidIdentityToken: Specified provider doesn't exist.",
                    otherCase.isPresent() ? "Copy the provider ARN from the account into the Role mapping." : "Create it with the bundle."));
            return;
        }
        out.add(Finding.ok("provider-exists", "The SAML provider " + target.providerArn() + " exists."));
        String metadata = AwsApiClient.text(provider.getDocumentElement(), "SAMLMetadataDocument");
        Element entity;
        try {
            entity = SafeXml.parse(metadata == null ? new byte[0] : metadata.getBytes(StandardCharsets.UTF_8)).getDocumentElement();
        } catch (RuntimeException e) {
            out.add(new Finding("provider-metadata", Finding.Severity.ERROR, "The provider's metadata cannot be read.",
                    "InvalidIdentityToken: Invalid SAML response", "Upload this instance's metadata to the provider."));
            return;
        }
        if (!entityId.equals(entity.getAttribute("entityID"))) {
            out.add(new Finding("provider-metadata", Finding.Severity.ERROR, "The provider holds the metadata of "
                    + entity.getAttribute("entityID") + ", not of this instance (" + entityId + ").",
                    "InvalidIdentityToken: Issuer not present in specified provider",
                    "Download this instance's metadata and upload it to the provider (or run the bundle again)."));
            return;
        }
        Set<String> held = certificatesOf(entity);
        if (!certificates.isEmpty() && !held.contains(certificates.get(0))) {
            out.add(new Finding("provider-certificate", Finding.Severity.ERROR, "The provider does not hold the active signing certificate.",
                    "InvalidIdentityToken: Response signature invalid", "Upload the current metadata to the provider."));
        } else if (certificates.size() > 1 && !held.containsAll(certificates)) {
            out.add(new Finding("provider-certificate", Finding.Severity.WARNING, "The provider does not hold the next signing certificate yet: launches will fail once it becomes active.",
                    null, "Upload the current metadata, which lists both."));
        } else {
            out.add(Finding.ok("provider-metadata", "The provider holds this instance's metadata and its signing certificates."));
        }
    }

    private void roleChecks(AwsConnection c, AwsTarget target, List<Finding> out) throws AwsApiClient.AwsApiError {
        Element role;
        try {
            role = iam(c, Map.of("Action", "GetRole", "RoleName", target.roleName())).getDocumentElement();
        } catch (AwsApiClient.AwsApiError e) {
            if (!"NoSuchEntity".equals(e.code())) {
                throw e;
            }
            Optional<String> otherCase = listed(c, Map.of("Action", "ListRoles", "MaxItems", "1000"), "Arn")
                    .stream().filter(arn -> arn.equalsIgnoreCase(target.roleArn())).findFirst();
            out.add(new Finding("role-exists", Finding.Severity.ERROR, otherCase
                    .map(arn -> "The account has the role as " + arn + ": the Role mapping's " + target.roleArn() + " differs in case.")
                    .orElse("The account has no role " + target.roleArn() + "."), ACCESS_DENIED,
                    otherCase.isPresent() ? "Copy the role ARN from the account into the Role mapping." : "Create it with the bundle."));
            return;
        }
        String arn = AwsApiClient.text(role, "Arn");
        if (!target.roleArn().equals(arn)) {
            out.add(new Finding("role-exists", Finding.Severity.ERROR, "The account has the role as " + arn + ": the Role mapping's "
                    + target.roleArn() + " differs.", ACCESS_DENIED, "Copy the role ARN from the account into the Role mapping."));
            return;
        }
        out.add(Finding.ok("role-exists", "The role " + arn + " exists."));
        trustChecks(target, URLDecoder.decode(String.valueOf(AwsApiClient.text(role, "AssumeRolePolicyDocument")), StandardCharsets.UTF_8), out);
        String max = AwsApiClient.text(role, "MaxSessionDuration");
        int maxSeconds = max == null ? 3600 : Integer.parseInt(max.strip());
        out.add(maxSeconds >= target.sessionDurationSeconds()
                ? Finding.ok("max-session-duration", "The role allows sessions of " + maxSeconds + " seconds.")
                : new Finding("max-session-duration", Finding.Severity.ERROR, "Sessions of " + target.sessionDurationSeconds()
                + " seconds are asked for; the role allows " + maxSeconds + ".",
                "ValidationError: The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
                "Raise the role's maximum session duration to " + target.sessionDurationSeconds() + " seconds."));
        policyCheck(c, target, out);
    }

    private void trustChecks(AwsTarget target, String policyJson, List<Finding> out) {
        List<JsonNode> admitting = new ArrayList<>();
        try {
            for (JsonNode statement : list(JSON.readTree(policyJson).get("Statement"))) {
                if ("Allow".equals(statement.path("Effect").asText()) && values(statement.path("Principal").path("Federated")).contains(target.providerArn())) {
                    admitting.add(statement);
                }
            }
        } catch (java.io.IOException e) {
            admitting.clear();
        }
        if (admitting.stream().noneMatch(s -> allows(s, "sts:AssumeRoleWithSAML"))) {
            out.add(new Finding("trust-provider", Finding.Severity.ERROR, "The role's trust policy does not allow sts:AssumeRoleWithSAML for "
                    + target.providerArn() + ".", ACCESS_DENIED, "Use the trust policy shown above."));
            return;
        }
        out.add(Finding.ok("trust-provider", "The trust policy admits the provider."));
        List<String> audiences = new ArrayList<>();
        admitting.forEach(s -> s.path("Condition").fields().forEachRemaining(op -> values(op.getValue().path("SAML:aud")).forEach(audiences::add)));
        if (audiences.isEmpty()) {
            out.add(new Finding("trust-audience", Finding.Severity.WARNING, "The trust policy has no SAML:aud condition: an assertion made for "
                    + "another AWS audience would be accepted too.", null, "Add \"StringEquals\": {\"SAML:aud\": \"" + target.signInUrl() + "\"}."));
        } else if (!audiences.contains(target.signInUrl())) {
            out.add(new Finding("trust-audience", Finding.Severity.ERROR, "The trust policy's SAML:aud is " + audiences + ", but assertions are for "
                    + target.signInUrl() + ".", ACCESS_DENIED, "Set SAML:aud to " + target.signInUrl() + "."));
        } else {
            out.add(Finding.ok("trust-audience", "SAML:aud is " + target.signInUrl() + "."));
        }
        if (!target.tagKeys().isEmpty()) {
            out.add(admitting.stream().anyMatch(s -> allows(s, "sts:TagSession"))
                    ? Finding.ok("trust-session-tags", "The trust policy allows sts:TagSession.")
                    : new Finding("trust-session-tags", Finding.Severity.ERROR, "Session tags are sent, and the trust policy does not allow sts:TagSession.",
                    ACCESS_DENIED, "Add sts:TagSession to the trust policy's actions."));
        }
        if (target.setsSourceIdentity()) {
            out.add(admitting.stream().anyMatch(s -> allows(s, "sts:SetSourceIdentity"))
                    ? Finding.ok("trust-source-identity", "The trust policy allows sts:SetSourceIdentity.")
                    : new Finding("trust-source-identity", Finding.Severity.ERROR, "A SourceIdentity is sent, and the trust policy does not allow sts:SetSourceIdentity.",
                    ACCESS_DENIED, "Add sts:SetSourceIdentity to the trust policy's actions."));
        }
    }

    private void policyCheck(AwsConnection c, AwsTarget target, List<Finding> out) throws AwsApiClient.AwsApiError {
        int attached = listed(c, Map.of("Action", "ListAttachedRolePolicies", "RoleName", target.roleName()), "PolicyArn").size();
        int inline;
        try {
            inline = listed(c, Map.of("Action", "ListRolePolicies", "RoleName", target.roleName()), "member").size();
        } catch (AwsApiClient.AwsApiError e) {
            inline = 0; // an account that cannot list inline policies has none we could see
        }
        out.add(attached + inline > 0
                ? Finding.ok("role-policies", "The role has " + attached + " managed and " + inline + " inline policies.")
                : new Finding("role-policies", Finding.Severity.WARNING, "The role has no policies: signed-in users can do nothing.",
                null, "Attach the managed policies the users need (the bundle attaches ReadOnlyAccess by default)."));
    }

    private Document iam(AwsConnection c, Map<String, String> params) throws AwsApiClient.AwsApiError {
        Map<String, String> all = new java.util.HashMap<>(params);
        all.put("Version", IAM_VERSION);
        return client.call(c, "iam", c.iamEndpoint(), all);
    }

    private List<String> listed(AwsConnection c, Map<String, String> params, String element) throws AwsApiClient.AwsApiError {
        NodeList nodes = iam(c, params).getDocumentElement().getElementsByTagNameNS("*", element);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent().strip());
        }
        return out;
    }

    private static Set<String> certificatesOf(Element entity) {
        NodeList certs = entity.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "X509Certificate");
        Set<String> out = new java.util.HashSet<>();
        for (int i = 0; i < certs.getLength(); i++) {
            out.add(certs.item(i).getTextContent().replaceAll("\\s", ""));
        }
        return out;
    }

    private static boolean allows(JsonNode statement, String action) {
        return values(statement.path("Action")).stream().anyMatch(a -> a.equalsIgnoreCase(action) || a.equals("*") || a.equalsIgnoreCase("sts:*"));
    }

    private static List<String> values(JsonNode node) {
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<JsonNode> list(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return List.of();
        }
        if (node.isArray()) {
            List<JsonNode> out = new ArrayList<>();
            node.forEach(out::add);
            return out;
        }
        return List.of(node);
    }
}
