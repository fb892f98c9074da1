package dev.gatehouse.awsemulator.sts;

import dev.gatehouse.awsemulator.core.Arn;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One value of the {@code https://aws.amazon.com/SAML/Attributes/Role} attribute: a role ARN and a SAML provider
 * ARN, comma-separated in either order (aws-saml-spec §3), whitespace around them ignored.
 */
public record RolePair(String roleArn, String providerArn, String accountId, String roleName) {

    /** The well-formed pairs among {@code values}, in order, each role once. */
    public static List<RolePair> parse(List<String> values) {
        List<RolePair> pairs = new ArrayList<>();
        for (String value : values) {
            String[] parts = value.split(",");
            if (parts.length != 2) {
                continue;
            }
            String a = parts[0].trim();
            String b = parts[1].trim();
            Optional<RolePair> pair = of(a, b).or(() -> of(b, a));
            if (pair.isPresent() && pairs.stream().noneMatch(p -> p.roleArn().equals(pair.get().roleArn()))) {
                pairs.add(pair.get());
            }
        }
        return pairs;
    }

    private static Optional<RolePair> of(String role, String provider) {
        if (Arn.parseSamlProvider(provider).isEmpty()) {
            return Optional.empty();
        }
        return Arn.parseRole(role).map(arn -> new RolePair(role, provider, arn.accountId(), arn.name()));
    }
}
