package dev.gatehouse.awsemulator.policy;

import dev.gatehouse.awsemulator.core.ActionAuthorizer;
import dev.gatehouse.awsemulator.core.AwsError;
import dev.gatehouse.awsemulator.core.CallerIdentity;
import dev.gatehouse.awsemulator.policy.PolicyEvaluator.Decision;
import dev.gatehouse.awsemulator.policy.PolicyEvaluator.PolicyKind;
import dev.gatehouse.awsemulator.policy.PolicyEvaluator.PolicySet;
import dev.gatehouse.awsemulator.policy.PolicyEvaluator.Result;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The emulator's {@link ActionAuthorizer}: the account's root user is always allowed; a role session is judged by
 * {@link PolicyEvaluator} over its role's and its session's policies as they are at the moment of the request, so
 * a policy change (or a revocation) takes effect on the next call, on every node. Denials carry AWS's texts
 * (IAM User Guide, "Troubleshoot access denied error messages"). {@code sts:GetCallerIdentity} is never denied,
 * as on AWS. Thread-safe.
 */
public final class PolicyAuthorizer implements ActionAuthorizer {
    private final PrincipalPolicies policies;
    private final PolicyEvaluator evaluator = new PolicyEvaluator();
    private final Clock clock;

    public PolicyAuthorizer(PrincipalPolicies policies, Clock clock) {
        this.policies = policies;
        this.clock = clock;
    }

    @Override
    public void authorize(CallerIdentity caller, String action, String resourceArn) {
        Result result = decide(caller, action, resourceArn);
        if (result.decision() != Decision.ALLOWED) {
            throw AwsError.accessDenied(denial(caller.arn(), action, resourceArn, result));
        }
    }

    /** The verdict without throwing (the console shows it in place). */
    public Result decide(CallerIdentity caller, String action, String resourceArn) {
        if (caller.isRoot() || action.equalsIgnoreCase("sts:GetCallerIdentity")) {
            return new Result(Decision.ALLOWED, null, List.of(), Set.of());
        }
        Optional<PolicySet> set = caller.session() == null ? Optional.empty() : policies.forSession(caller.session());
        if (set.isEmpty()) {
            // Neither root nor a session of an existing role: nothing allows it.
            return new Result(Decision.IMPLICIT_DENY, PolicyKind.IDENTITY, List.of(), Set.of());
        }
        ConditionContext context = ConditionContext.of(RequestContextKeys.of(caller, clock.instant()));
        return evaluator.evaluate(set.get(), action, resourceArn, context);
    }

    /**
     * How IAM names a resource in its denials: a role by {@code role NAME}, a managed policy by {@code policy ARN}
     * (as in "… iam:GetRole on resource: role NAME because no identity-based policy allows …"); any other resource,
     * and a list action's prefix such as {@code arn:aws:iam::ACCOUNT:role/}, by its ARN.
     */
    static String shown(String resourceArn) {
        if (resourceArn.startsWith("arn:aws:iam::") && !resourceArn.endsWith("/")) {
            int role = resourceArn.indexOf(":role/");
            if (role > 0) {
                return "role " + resourceArn.substring(resourceArn.lastIndexOf('/') + 1);
            }
            if (resourceArn.contains(":policy/")) {
                return "policy " + resourceArn;
            }
        }
        return resourceArn;
    }

    /** AWS's AccessDenied message for a refusal. */
    public static String denial(String principalArn, String action, String resourceArn, Result result) {
        String head = "User: " + principalArn + " is not authorized to perform: " + action + " on resource: " + shown(resourceArn);
        PolicyKind kind = result.deciding() == null ? PolicyKind.IDENTITY : result.deciding();
        return result.decision() == Decision.EXPLICIT_DENY
                ? head + " with an explicit deny in " + kind.withArticle()
                : head + " because no " + kind.noun() + " allows the " + action + " action";
    }
}
