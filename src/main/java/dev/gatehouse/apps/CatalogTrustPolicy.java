package dev.gatehouse.apps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trust policy each role of a catalog account needs: the account's SAML provider as {@code Federated};
 * {@code sts:AssumeRoleWithSAML}, plus {@code sts:SetSourceIdentity} and {@code sts:TagSession} when the instance's
 * mappings send a SourceIdentity or session tags (AWS refuses the launch otherwise); and {@code SAML:aud} equal to
 * the account's sign-in endpoint, which is what AWS derives from the Recipient. A sign-in URL that is not AWS's own
 * (an emulated account's {@code /saml}) stands for the global endpoint, as the emulator itself reads it.
 */
public final class CatalogTrustPolicy {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CatalogTrustPolicy() {
    }

    public static String of(CatalogAccount account, List<AttributeMapping> mappings) {
        List<String> actions = new ArrayList<>(List.of("sts:AssumeRoleWithSAML"));
        if (mappings.stream().anyMatch(m -> AwsSamlRules.SOURCE_IDENTITY.equals(m.attribute()))) {
            actions.add("sts:SetSourceIdentity");
        }
        if (!AwsAccountCatalogTemplate.tagKeys(mappings).isEmpty()) {
            actions.add("sts:TagSession");
        }
        String aud = CatalogInputRules.isAwsSignIn(account.signInUrl()) ? account.signInUrl() : AwsCatalog.GLOBAL_SIGN_IN;
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Effect", "Allow");
        statement.put("Principal", Map.of("Federated", account.providerArn()));
        statement.put("Action", actions);
        statement.put("Condition", Map.of("StringEquals", Map.of("SAML:aud", aud)));
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("Version", "2012-10-17");
        policy.put("Statement", List.of(statement));
        try {
            return JSON.writeValueAsString(policy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // plain maps of strings always serialize
        }
    }
}
