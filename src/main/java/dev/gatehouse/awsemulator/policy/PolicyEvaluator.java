package dev.gatehouse.awsemulator.policy;

import dev.gatehouse.awsemulator.iam.PolicyDocument;
import dev.gatehouse.awsemulator.iam.PolicyDocument.Effect;
import dev.gatehouse.awsemulator.iam.PolicyDocument.Statement;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * IAM's policy evaluation logic for a principal in one account (IAM User Guide, "Policy evaluation logic"): an
 * explicit Deny in any applicable policy wins; otherwise the request is allowed only when an identity-based policy
 * allows it, the permissions boundary (if the principal has one) allows it, and the session policies (if the
 * session was given any) allow it. Session policies form one set: an Allow in any of them (the inline one or a
 * managed one named by ARN) is enough, as AWS intersects the session's policies with the role's. Stateless and
 * thread-safe.
 */
public final class PolicyEvaluator {

    /** The verdict, named as the simulation API names it. */
    public enum Decision {
        ALLOWED("allowed"), EXPLICIT_DENY("explicitDeny"), IMPLICIT_DENY("implicitDeny");

        private final String wire;

        Decision(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** The policy types whose verdicts combine, in the order AWS checks them, with the words of its denials. */
    public enum PolicyKind {
        IDENTITY("an identity-based policy", "identity-based policy"),
        BOUNDARY("a permissions boundary", "permissions boundary"),
        SESSION("a session policy", "session policy");

        private final String withArticle;
        private final String noun;

        PolicyKind(String withArticle, String noun) {
            this.withArticle = withArticle;
            this.noun = noun;
        }

        /** "with an explicit deny in " + this. */
        public String withArticle() {
            return withArticle;
        }

        /** "because no " + this + " allows". */
        public String noun() {
            return noun;
        }
    }

    /**
     * One policy as evaluation sees it.
     *
     * @param sourceId   what the simulation reports as {@code SourcePolicyId} (policy name, ARN or {@code PolicyInputList.N})
     * @param sourceType {@code role}, {@code aws-managed}, {@code user-managed}, {@code none}, …
     * @param json       the document as written (the simulation reports statement positions in it)
     */
    public record SourcedPolicy(String sourceId, String sourceType, PolicyDocument document, String json) {
    }

    /**
     * The policies that apply to a principal.
     *
     * @param session  {@code null} when the session carries no session policy (then it does not limit)
     * @param boundary {@code null} when no permissions boundary is set
     */
    public record PolicySet(List<SourcedPolicy> identity, List<SourcedPolicy> boundary, List<SourcedPolicy> session) {
        public static PolicySet identityOnly(List<SourcedPolicy> identity) {
            return new PolicySet(identity, null, null);
        }
    }

    /** A statement that decided the outcome, with where it came from and its index in its document. */
    public record Matched(SourcedPolicy policy, int statementIndex, Statement statement) {
    }

    /**
     * @param deciding the policy type whose Deny, or whose lack of an Allow, refused the request ({@code null} when allowed)
     * @param matched  the statements behind the verdict: the Denies for an explicit deny, the Allows otherwise
     * @param missing  condition keys the request lacked in statements that matched action and resource
     */
    public record Result(Decision decision, PolicyKind deciding, List<Matched> matched, Set<String> missing) {
    }

    public Result evaluate(PolicySet policies, String action, String resource, ConditionContext context) {
        Set<String> missing = new LinkedHashSet<>();
        Group identity = group(policies.identity(), action, resource, context, missing);
        Group boundary = policies.boundary() == null ? null : group(policies.boundary(), action, resource, context, missing);
        Group session = policies.session() == null ? null : group(policies.session(), action, resource, context, missing);
        for (var kinded : List.of(new Kinded(PolicyKind.IDENTITY, identity), new Kinded(PolicyKind.BOUNDARY, boundary),
                new Kinded(PolicyKind.SESSION, session))) {
            if (kinded.group != null && !kinded.group.denies.isEmpty()) {
                List<Matched> denies = new ArrayList<>(identity.denies);
                if (boundary != null) {
                    denies.addAll(boundary.denies);
                }
                if (session != null) {
                    denies.addAll(session.denies);
                }
                return new Result(Decision.EXPLICIT_DENY, kinded.kind, List.copyOf(denies), missing);
            }
        }
        for (var kinded : List.of(new Kinded(PolicyKind.IDENTITY, identity), new Kinded(PolicyKind.BOUNDARY, boundary),
                new Kinded(PolicyKind.SESSION, session))) {
            if (kinded.group != null && kinded.group.allows.isEmpty()) {
                return new Result(Decision.IMPLICIT_DENY, kinded.kind, List.of(), missing);
            }
        }
        List<Matched> allows = new ArrayList<>(identity.allows);
        if (boundary != null) {
            allows.addAll(boundary.allows);
        }
        if (session != null) {
            allows.addAll(session.allows);
        }
        return new Result(Decision.ALLOWED, null, List.copyOf(allows), missing);
    }

    private record Kinded(PolicyKind kind, Group group) {
    }

    private record Group(List<Matched> allows, List<Matched> denies) {
    }

    private static Group group(List<SourcedPolicy> policies, String action, String resource, ConditionContext context,
                               Set<String> missing) {
        List<Matched> allows = new ArrayList<>();
        List<Matched> denies = new ArrayList<>();
        for (SourcedPolicy policy : policies) {
            boolean variables = "2012-10-17".equals(policy.document().version());
            List<Statement> statements = policy.document().statements();
            for (int i = 0; i < statements.size(); i++) {
                Statement s = statements.get(i);
                if (!actionMatches(s, action) || !resourceMatches(s, resource, context, variables)
                        || !ConditionOperators.allMatch(s.conditions(), context, variables, missing)) {
                    continue;
                }
                (s.effect() == Effect.DENY ? denies : allows).add(new Matched(policy, i, s));
            }
        }
        return new Group(allows, denies);
    }

    /** Action / NotAction, case-insensitive with wildcards. */
    public static boolean actionMatches(Statement statement, String action) {
        if (statement.actions() != null && !statement.actions().isEmpty()) {
            return statement.actions().stream().anyMatch(p -> Wildcards.actionMatches(p, action));
        }
        if (statement.notActions() != null && !statement.notActions().isEmpty()) {
            return statement.notActions().stream().noneMatch(p -> Wildcards.actionMatches(p, action));
        }
        return false;
    }

    /** Resource / NotResource, case-sensitive with wildcards and policy variables. */
    static boolean resourceMatches(Statement statement, String resource, ConditionContext context, boolean variables) {
        if (statement.resources() != null && !statement.resources().isEmpty()) {
            return statement.resources().stream().anyMatch(p -> resourceMatches(p, resource, context, variables));
        }
        if (statement.notResources() != null && !statement.notResources().isEmpty()) {
            return statement.notResources().stream().noneMatch(p -> resourceMatches(p, resource, context, variables));
        }
        return false;
    }

    private static boolean resourceMatches(String pattern, String resource, ConditionContext context, boolean variables) {
        return PolicyVariables.substitute(pattern, context, variables).map(p -> Wildcards.matches(p, resource)).orElse(false);
    }
}
