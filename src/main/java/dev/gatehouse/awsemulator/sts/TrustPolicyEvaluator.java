package dev.gatehouse.awsemulator.sts;

import dev.gatehouse.awsemulator.iam.PolicyDocument;
import dev.gatehouse.awsemulator.policy.ConditionContext;
import dev.gatehouse.awsemulator.policy.ConditionOperators;
import dev.gatehouse.awsemulator.policy.PolicyEvaluator;

import java.util.List;
import java.util.Map;

/**
 * Decides whether a role's trust policy lets a federated principal or an AWS caller perform an action, the way IAM evaluates a
 * resource policy (conditions and wildcards from the one home in {@code awsemulator.policy}): an explicit Deny wins, then any matching Allow, else the default deny. A statement matches
 * when its Principal (or NotPrincipal), its Action (or NotAction) and every Condition match. Thread-safe.
 */
public final class TrustPolicyEvaluator {

    /** The outcome for one action. */
    public enum Decision { ALLOW, EXPLICIT_DENY, IMPLICIT_DENY }

    /**
     * @param federatedPrincipal the provider ARN the caller federates from
     * @param action             e.g. {@code sts:AssumeRoleWithSAML}
     * @param context            condition keys (any case) to their values; absent keys are missing
     */
    public Decision evaluate(PolicyDocument policy, String federatedPrincipal, String action,
                             Map<String, List<String>> context) {
        return evaluate(policy, principal -> principal.getOrDefault("Federated", List.of()).stream()
                .anyMatch(p -> p.equals("*") || p.equals(federatedPrincipal)), action, context);
    }

    /**
     * For a caller signed with AWS credentials (sts:AssumeRole): a statement's {@code "AWS"} principal names it as
     * {@code *}, its account ID, its account's root ARN (meaning any principal of that account), or its own ARN
     * (for a session, the role's ARN or the session's assumed-role ARN).
     *
     * @param callerArns the ARNs the caller is known by
     */
    public Decision evaluateAwsCaller(PolicyDocument policy, String callerAccount, List<String> callerArns, String action,
                                      Map<String, List<String>> context) {
        return evaluate(policy, principal -> principal.getOrDefault("AWS", List.of()).stream()
                .anyMatch(p -> p.equals("*") || p.equals(callerAccount) || p.equals("arn:aws:iam::" + callerAccount + ":root")
                        || callerArns.contains(p)), action, context);
    }

    private Decision evaluate(PolicyDocument policy, java.util.function.Predicate<Map<String, List<String>>> names,
                              String action, Map<String, List<String>> context) {
        ConditionContext keys = ConditionContext.of(context);
        boolean allowed = false;
        for (PolicyDocument.Statement statement : policy.statements()) {
            if (!principalMatches(statement, names) || !actionMatches(statement, action)
                    || !ConditionOperators.allMatch(statement.conditions(), keys)) {
                continue;
            }
            if (statement.effect() == PolicyDocument.Effect.DENY) {
                return Decision.EXPLICIT_DENY;
            }
            allowed = true;
        }
        return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
    }

    /** ALLOW only when every one of {@code actions} is allowed. */
    public Decision evaluateAll(PolicyDocument policy, String federatedPrincipal, List<String> actions,
                                Map<String, List<String>> context) {
        Decision result = Decision.ALLOW;
        for (String action : actions) {
            Decision decision = evaluate(policy, federatedPrincipal, action, context);
            if (decision == Decision.EXPLICIT_DENY) {
                return decision;
            }
            if (decision == Decision.IMPLICIT_DENY) {
                result = decision;
            }
        }
        return result;
    }

    private static boolean principalMatches(PolicyDocument.Statement statement,
                                            java.util.function.Predicate<Map<String, List<String>>> names) {
        Map<String, List<String>> principal = statement.principal();
        if (principal == null) {
            // A trust policy statement without Principal grants nobody (the grammar check should refuse it).
            return statement.notPrincipal();
        }
        boolean named = principal.containsKey("*") || principal.getOrDefault("AWS", List.of()).contains("*") || names.test(principal);
        return statement.notPrincipal() != named;
    }

    private static boolean actionMatches(PolicyDocument.Statement statement, String action) {
        return PolicyEvaluator.actionMatches(statement, action);
    }
}
