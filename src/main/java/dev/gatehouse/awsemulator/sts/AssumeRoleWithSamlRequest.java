package dev.gatehouse.awsemulator.sts;

import dev.gatehouse.awsemulator.core.Arn;
import dev.gatehouse.awsemulator.core.AwsError;
import dev.gatehouse.awsemulator.core.AwsSamlRules;

import java.util.ArrayList;
import java.util.List;

/**
 * The parameters of an AssumeRoleWithSAML call, checked against the STS model's constraints (aws-saml-spec §4.2)
 * with AWS's {@code ValidationError} wording, which lists every violated constraint at once.
 *
 * @param durationSeconds {@code null} when not sent (the default of 3600 applies)
 * @param policy          the inline session policy, or {@code null}
 */
public record AssumeRoleWithSamlRequest(String roleArn, String principalArn, String samlAssertion,
                                        Integer durationSeconds, String policy, List<String> policyArns) {

    /** Parses the raw parameters; {@code durationSeconds} is the text as sent. */
    public static AssumeRoleWithSamlRequest of(String roleArn, String principalArn, String samlAssertion,
                                               String durationSeconds, String policy, List<String> policyArns) {
        List<String> errors = new ArrayList<>();
        length(errors, "roleArn", roleArn, 20, 2048, true);
        length(errors, "principalArn", principalArn, 20, 2048, true);
        length(errors, "sAMLAssertion", samlAssertion, 4, 100_000, false);
        Integer duration = null;
        if (durationSeconds != null) {
            try {
                duration = Integer.valueOf(durationSeconds.trim());
                if (duration < AwsSamlRules.MIN_SESSION_SECONDS) {
                    errors.add("Value '" + duration + "' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to "
                            + AwsSamlRules.MIN_SESSION_SECONDS);
                } else if (duration > AwsSamlRules.MAX_SESSION_SECONDS) {
                    errors.add("Value '" + duration + "' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to "
                            + AwsSamlRules.MAX_SESSION_SECONDS);
                }
            } catch (NumberFormatException e) {
                errors.add("Value at 'durationSeconds' failed to satisfy constraint: Member must be an integer");
            }
        }
        if (policy != null && (policy.isEmpty() || policy.length() > 2048)) {
            errors.add("Value at 'policy' failed to satisfy constraint: Member must have length between 1 and 2048");
        }
        if (policyArns.size() > 10) {
            errors.add("Value at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to 10");
        }
        if (!errors.isEmpty()) {
            String count = errors.size() == 1 ? "1 validation error detected: " : errors.size() + " validation errors detected: ";
            throw AwsError.validationError(count + String.join("; ", errors));
        }
        return new AssumeRoleWithSamlRequest(roleArn, principalArn, samlAssertion, duration, policy, List.copyOf(policyArns));
    }

    private static void length(List<String> errors, String member, String value, int min, int max, boolean echo) {
        if (value == null) {
            errors.add("Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
        } else if (value.length() < min) {
            errors.add(shown(member, value, echo) + " failed to satisfy constraint: Member must have length greater than or equal to " + min);
        } else if (value.length() > max) {
            errors.add(shown(member, value, echo) + " failed to satisfy constraint: Member must have length less than or equal to " + max);
        }
    }

    private static String shown(String member, String value, boolean echo) {
        return echo && value.length() <= 256 ? "Value '" + value + "' at '" + member + "'" : "Value at '" + member + "'";
    }

    /** The role's account and name; {@code ValidationError} "Request ARN is invalid" when not a role ARN. */
    Arn role() {
        return Arn.parseRole(roleArn).orElseThrow(() -> AwsError.validationError("Request ARN is invalid"));
    }

    /** The provider's account and name; {@code ValidationError} "Principal ARN is invalid" when not a provider ARN. */
    Arn provider() {
        return Arn.parseSamlProvider(principalArn).orElseThrow(() -> AwsError.validationError("Principal ARN is invalid"));
    }
}
