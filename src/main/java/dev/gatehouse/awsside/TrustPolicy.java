package dev.gatehouse.awsside;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trust policy a target role needs (IAM User Guide, "Creating a role for SAML 2.0 federation"): the account's
 * SAML provider as the federated principal, {@code sts:AssumeRoleWithSAML} plus {@code sts:SetSourceIdentity} and
 * {@code sts:TagSession} when assertions carry them (AWS refuses the launch otherwise), and {@code SAML:aud} equal
 * to the sign-in endpoint, so an assertion made for another audience cannot be used with this role.
 */
public final class TrustPolicy {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TrustPolicy() {
    }

    /** The actions the role's trust policy must allow for this target. */
    public static List<String> actions(AwsTarget target) {
        List<String> actions = new ArrayList<>(List.of("sts:AssumeRoleWithSAML"));
        if (target.setsSourceIdentity()) {
            actions.add("sts:SetSourceIdentity");
        }
        if (!target.tagKeys().isEmpty()) {
            actions.add("sts:TagSession");
        }
        return actions;
    }

    /** The policy as a JSON-ready tree, with {@code federated} as the principal (an ARN, or a template reference). */
    public static Map<String, Object> document(AwsTarget target, Object federated) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Effect", "Allow");
        statement.put("Principal", Map.of("Federated", federated));
        List<String> actions = actions(target);
        statement.put("Action", actions.size() == 1 ? actions.get(0) : actions);
        statement.put("Condition", Map.of("StringEquals", Map.of("SAML:aud", target.signInUrl())));
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("Version", "2012-10-17");
        policy.put("Statement", List.of(statement));
        return policy;
    }

    /** The policy for the role, naming the provider by its ARN: what the admin copies into the account. */
    public static String json(AwsTarget target) {
        try {
            return JSON.writeValueAsString(document(target, target.providerArn()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
