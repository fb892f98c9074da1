package dev.gatehouse.awsemulator.policy;

import dev.gatehouse.awsemulator.core.SessionContext;
import dev.gatehouse.awsemulator.iam.IamPolicy;
import dev.gatehouse.awsemulator.iam.IamRole;
import dev.gatehouse.awsemulator.iam.IamService;
import dev.gatehouse.awsemulator.iam.MalformedPolicyDocumentException;
import dev.gatehouse.awsemulator.iam.PolicyDocument;
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
        List<SourcedPolicy> identity = new ArrayList<>();
        for (IamPolicy p : iam.listAttachedRolePolicies(role.accountId(), role.roleName())) {
            parse(p.document()).ifPresent(d -> identity.add(new SourcedPolicy(p.policyName(), managedType(p.arn()), d, p.document())));
        }
        return new PolicySet(List.copyOf(identity), null, null);
    }

    /** A session's policies: its role's, narrowed by the session policies it was given. Empty when the role is gone. */
    public Optional<PolicySet> forSession(SessionContext session) {
        Optional<IamRole> role = session.roleArn() == null ? Optional.empty() : iam.findRoleByArn(session.roleArn());
        if (role.isEmpty()) {
            return Optional.empty();
        }
        PolicySet own = forRole(role.get());
        if (!session.hasSessionPolicies()) {
            return Optional.of(own);
        }
        List<SourcedPolicy> sessionPolicies = new ArrayList<>();
        if (session.inlinePolicy() != null) {
            parse(session.inlinePolicy()).ifPresent(d -> sessionPolicies.add(new SourcedPolicy("SessionPolicy", "none", d, session.inlinePolicy())));
        }
        for (String arn : session.policyArns()) {
            try {
                IamPolicy p = iam.getPolicy(arn);
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
