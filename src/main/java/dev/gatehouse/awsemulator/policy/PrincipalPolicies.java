package dev.gatehouse.awsemulator.policy;

import dev.gatehouse.awsemulator.core.SessionContext;
import dev.gatehouse.awsemulator.iam.IamPolicy;
import dev.gatehouse.awsemulator.iam.IamRole;
import dev.gatehouse.awsemulator.iam.IamService;
import dev.gatehouse.awsemulator.iam.MalformedPolicyDocumentException;
import dev.gatehouse.awsemulator.iam.PolicyDocument;
import dev.gatehouse.awsemulator.iam.RolePolicySet;
import dev.gatehouse.awsemulator.policy.PolicyEvaluator.PolicySet;
import dev.gatehouse.awsemulator.policy.PolicyEvaluator.SourcedPolicy;
import dev.gatehouse.awsemulator.core.AwsError;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gathers the policies that apply to a role or a role session, as they are now: the role's attached managed and
 * inline policies, its permissions boundary, and the session's policies (the inline {@code Policy} and the
 * managed {@code PolicyArns}, read at each request, so a deleted one allows nothing). Thread-safe.
 */
public final class PrincipalPolicies {
    private final IamService iam;

    public PrincipalPolicies(IamService iam) {
        this.iam = iam;
    }

    /** The role's own policies (simulation of a role, and the identity part of its sessions). */
    public PolicySet forRole(IamRole role) {
        return iam.rolePolicySet(role.accountId(), role.roleName()).map(PrincipalPolicies::of)
                .orElseGet(() -> new PolicySet(List.of(), null, null));
    }

    private static PolicySet of(RolePolicySet set) {
        List<SourcedPolicy> identity = new ArrayList<>();
        for (RolePolicySet.NamedPolicy p : set.identityPolicies()) {
            sourced(p).ifPresent(identity::add);
        }
        List<SourcedPolicy> boundary = null;
        if (set.permissionsBoundary() != null) {
            // A boundary that no longer reads allows nothing, as a missing Allow would.
            boundary = sourced(set.permissionsBoundary()).map(List::of).orElse(List.of());
        }
        return new PolicySet(List.copyOf(identity), boundary, null);
    }

    private static Optional<SourcedPolicy> sourced(RolePolicySet.NamedPolicy p) {
        String type = p.inline() ? "role" : managedType(p.arn());
        return parse(p.document()).map(d -> new SourcedPolicy(p.name(), type, d, p.document()));
    }

    /** A session's policies: its role's, narrowed by the session policies it was given. Empty when the role is gone. */
    public Optional<PolicySet> forSession(SessionContext session) {
        if (session.roleArn() == null || session.roleName() == null) {
            return Optional.empty();
        }
        Optional<RolePolicySet> set = iam.rolePolicySet(session.roleArn().split(":")[4], session.roleName())
                .filter(s -> s.role().arn().equals(session.roleArn()));
        if (set.isEmpty()) {
            return Optional.empty();
        }
        PolicySet own = of(set.get());
        if (!session.hasSessionPolicies()) {
            return Optional.of(own);
        }
        List<SourcedPolicy> sessionPolicies = new ArrayList<>();
        if (session.inlinePolicy() != null) {
            parse(session.inlinePolicy()).ifPresent(d -> sessionPolicies.add(new SourcedPolicy("SessionPolicy", "none", d, session.inlinePolicy())));
        }
        for (String arn : session.policyArns()) {
            try {
                IamPolicy p = iam.getPolicy(session.roleArn().split(":")[4], arn);
                parse(p.document()).ifPresent(d -> sessionPolicies.add(new SourcedPolicy(p.policyName(), managedType(arn), d, p.document())));
            } catch (AwsError deleted) {
                // A managed session policy deleted since the session began allows nothing.
            }
        }
        return Optional.of(new PolicySet(own.identity(), own.boundary(), List.copyOf(sessionPolicies)));
    }

    static String managedType(String arn) {
        return arn.startsWith("arn:aws:iam::aws:") ? "aws-managed" : "user-managed";
    }

    /** Stored documents passed the grammar when written; one that no longer parses allows nothing. */
    static Optional<PolicyDocument> parse(String json) {
        try {
            return Optional.of(PolicyDocument.parseIdentityPolicy(json));
        } catch (MalformedPolicyDocumentException e) {
            return Optional.empty();
        }
    }
}
