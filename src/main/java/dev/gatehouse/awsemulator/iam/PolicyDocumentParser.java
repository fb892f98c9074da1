package dev.gatehouse.awsemulator.iam;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.awsemulator.core.Arn;
import dev.gatehouse.awsemulator.iam.PolicyDocument.Condition;
import dev.gatehouse.awsemulator.iam.PolicyDocument.Effect;
import dev.gatehouse.awsemulator.iam.PolicyDocument.Statement;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The IAM policy grammar behind {@link PolicyDocument}: reads the JSON, checks every element as AWS checks it and
 * builds the document, or refuses with AWS's wording. Kept apart so that {@code PolicyDocument} stays the data it yields.
 */
final class PolicyDocumentParser {
    /** Trailing tokens fail too: AWS refuses {@code {…} garbage} as invalid JSON rather than reading the first value. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String INVALID_JSON = "This policy contains invalid Json";
    private static final String BAD_FEDERATED = "Federated principals must be valid domain names or SAML metadata ARNs";
    private static final Set<String> TOP_LEVEL = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_KEYS = Set.of("Sid", "Effect", "Principal", "NotPrincipal", "Action",
            "NotAction", "Resource", "NotResource", "Condition");
    private static final Set<String> PRINCIPAL_KEYS = Set.of("AWS", "Federated", "Service", "CanonicalUser");
    private static final Pattern ACTION = Pattern.compile("\\*|[A-Za-z0-9-]+:[A-Za-z0-9*?_-]+");
    private static final Pattern SID = Pattern.compile("[A-Za-z0-9 ]*");
    private static final Pattern OIDC_PROVIDER = Pattern.compile("arn:aws:iam::\\d{12}:oidc-provider/\\S+");
    private static final Set<String> WEB_IDENTITY = Set.of("cognito-identity.amazonaws.com", "www.amazon.com",
            "graph.facebook.com", "accounts.google.com");
    private static final Pattern AWS_PRINCIPAL = Pattern.compile("\\*|\\d{12}|arn:aws:(iam|sts)::\\d{12}:\\S+");
    private static final Pattern SERVICE_PRINCIPAL = Pattern.compile("[a-z0-9.-]+\\.amazonaws\\.com(\\.cn)?|\\*");


    private PolicyDocumentParser() {
    }

    /** @param trust a trust policy (principal required, resources forbidden) rather than an identity policy */
    static PolicyDocument parse(String json, boolean trust) {
        JsonNode root;
        try {
            root = JSON.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            throw new MalformedPolicyDocumentException(INVALID_JSON);
        }
        if (root == null || root.isMissingNode()) {
            throw new MalformedPolicyDocumentException(INVALID_JSON);
        }
        if (!root.isObject()) {
            throw syntax();
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            if (!TOP_LEVEL.contains(it.next())) {
                throw syntax();
            }
        }
        String version = "2008-10-17";
        if (root.has("Version")) {
            JsonNode v = root.get("Version");
            if (!v.isTextual() || !(v.asText().equals("2012-10-17") || v.asText().equals("2008-10-17"))) {
                throw new MalformedPolicyDocumentException("The policy must contain a valid version string");
            }
            version = v.asText();
        }
        String id = null;
        if (root.has("Id")) {
            if (!root.get("Id").isTextual()) {
                throw syntax();
            }
            id = root.get("Id").asText();
        }
        JsonNode statementNode = root.get("Statement");
        if (statementNode == null) {
            throw new MalformedPolicyDocumentException("Missing required field Statement");
        }
        List<JsonNode> nodes = new ArrayList<>();
        if (statementNode.isObject()) {
            nodes.add(statementNode);
        } else if (statementNode.isArray() && !statementNode.isEmpty()) {
            statementNode.forEach(nodes::add);
        } else {
            throw syntax();
        }
        List<Statement> statements = new ArrayList<>();
        for (JsonNode node : nodes) {
            statements.add(statement(node, trust));
        }
        return new PolicyDocument(version, id, List.copyOf(statements));
    }

    private static Statement statement(JsonNode node, boolean trust) {
        if (!node.isObject()) {
            throw syntax();
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            if (!STATEMENT_KEYS.contains(it.next())) {
                throw syntax();
            }
        }
        String sid = null;
        if (node.has("Sid")) {
            if (!node.get("Sid").isTextual()) {
                throw syntax();
            }
            sid = node.get("Sid").asText();
            if (!SID.matcher(sid).matches()) {
                throw new MalformedPolicyDocumentException("Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*");
            }
        }
        JsonNode effectNode = node.get("Effect");
        if (effectNode == null) {
            throw new MalformedPolicyDocumentException("Missing required field Effect");
        }
        if (!effectNode.isTextual() || !(effectNode.asText().equals("Allow") || effectNode.asText().equals("Deny"))) {
            throw new MalformedPolicyDocumentException("Invalid effect: " + effectNode.asText());
        }
        Effect effect = effectNode.asText().equals("Allow") ? Effect.ALLOW : Effect.DENY;

        boolean hasPrincipal = node.has("Principal");
        boolean hasNotPrincipal = node.has("NotPrincipal");
        if (hasPrincipal && hasNotPrincipal) {
            throw syntax();
        }
        Map<String, List<String>> principal = null;
        if (hasPrincipal || hasNotPrincipal) {
            if (!trust) {
                throw new MalformedPolicyDocumentException("Policy document should not specify a principal.");
            }
            principal = principal(node.get(hasPrincipal ? "Principal" : "NotPrincipal"));
        } else if (trust) {
            throw new MalformedPolicyDocumentException("Missing required field Principal");
        }

        List<String> actions = exclusive(node, "Action", "NotAction", true);
        List<String> notActions = node.has("NotAction") ? strings(node.get("NotAction")) : List.of();
        for (String a : actions.isEmpty() ? notActions : actions) {
            if (!ACTION.matcher(a).matches()) {
                throw new MalformedPolicyDocumentException("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.");
            }
        }

        boolean hasResource = node.has("Resource") || node.has("NotResource");
        List<String> resources = List.of();
        List<String> notResources = List.of();
        if (trust) {
            if (hasResource) {
                throw new MalformedPolicyDocumentException("Has prohibited field Resource");
            }
        } else {
            resources = exclusive(node, "Resource", "NotResource", true);
            notResources = node.has("NotResource") ? strings(node.get("NotResource")) : List.of();
            for (String r : resources.isEmpty() ? notResources : resources) {
                if (!r.equals("*") && !r.startsWith("arn:")) {
                    throw new MalformedPolicyDocumentException("Resource " + r + " must be in ARN format or \"*\".");
                }
            }
        }
        List<Condition> conditions = node.has("Condition") ? PolicyConditionGrammar.conditions(node.get("Condition")) : List.of();
        return new Statement(sid, effect, principal, hasNotPrincipal, actions, notActions, resources, notResources, conditions);
    }

    /** Reads {@code name} when present; exactly one of {@code name} and {@code notName} must be there. */
    private static List<String> exclusive(JsonNode node, String name, String notName, boolean required) {
        boolean has = node.has(name);
        boolean hasNot = node.has(notName);
        if (has && hasNot) {
            throw syntax();
        }
        if (!has && !hasNot && required) {
            throw new MalformedPolicyDocumentException("Missing required field " + name);
        }
        return has ? strings(node.get(name)) : List.of();
    }

    private static Map<String, List<String>> principal(JsonNode node) {
        if (node.isTextual()) {
            if (!node.asText().equals("*")) {
                throw new MalformedPolicyDocumentException("Invalid principal in policy: " + node);
            }
            return Map.of("*", List.of("*"));
        }
        if (!node.isObject() || node.isEmpty()) {
            throw new MalformedPolicyDocumentException("Invalid principal in policy");
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!PRINCIPAL_KEYS.contains(e.getKey())) {
                throw new MalformedPolicyDocumentException("Invalid principal in policy: \"" + e.getKey() + "\"");
            }
            List<String> values = strings(e.getValue());
            for (String v : values) {
                if (!validPrincipal(e.getKey(), v)) {
                    throw new MalformedPolicyDocumentException(e.getKey().equals("Federated") ? BAD_FEDERATED
                            : "Invalid principal in policy: \"" + e.getKey().toUpperCase(java.util.Locale.ROOT) + "\":\"" + v + "\"");
                }
            }
            out.put(e.getKey(), values);
        }
        return out;
    }

    private static boolean validPrincipal(String type, String value) {
        return switch (type) {
            case "Federated" -> Arn.SAML_PROVIDER.matcher(value).matches() || OIDC_PROVIDER.matcher(value).matches() || WEB_IDENTITY.contains(value);
            case "AWS" -> AWS_PRINCIPAL.matcher(value).matches();
            case "Service" -> SERVICE_PRINCIPAL.matcher(value).matches();
            default -> !value.isBlank();
        };
    }

    /** A string or a non-empty array of strings. */
    private static List<String> strings(JsonNode node) {
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        if (node.isArray() && !node.isEmpty()) {
            List<String> out = new ArrayList<>();
            for (JsonNode n : node) {
                if (!n.isTextual()) {
                    throw syntax();
                }
                out.add(n.asText());
            }
            return List.copyOf(out);
        }
        throw syntax();
    }

    static MalformedPolicyDocumentException syntax() {
        return new MalformedPolicyDocumentException("Syntax errors in policy.");
    }
}
