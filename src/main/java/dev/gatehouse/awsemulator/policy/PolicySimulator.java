package dev.gatehouse.awsemulator.policy;

import dev.gatehouse.awsemulator.core.Arn;
import dev.gatehouse.awsemulator.core.AwsError;
import dev.gatehouse.awsemulator.iam.IamRole;
import dev.gatehouse.awsemulator.iam.IamService;
import dev.gatehouse.awsemulator.iam.MalformedPolicyDocumentException;
import dev.gatehouse.awsemulator.iam.PolicyDocument;
import dev.gatehouse.awsemulator.policy.PolicyEvaluator.PolicySet;
import dev.gatehouse.awsemulator.policy.PolicyEvaluator.Result;
import dev.gatehouse.awsemulator.policy.PolicyEvaluator.SourcedPolicy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * IAM's policy simulator (SimulatePrincipalPolicy, SimulateCustomPolicy) over the same evaluation as real
 * requests, for any action and resource string, emulated or not: so "may this role call s3:GetObject on that
 * bucket?" is answered offline. As AWS's simulator, it sees only the context entries the caller supplies and
 * reports the condition keys it lacked. Thread-safe.
 */
public final class PolicySimulator {
    private final IamService iam;
    private final PrincipalPolicies principals;
    private final PolicyEvaluator evaluator = new PolicyEvaluator();

    public PolicySimulator(IamService iam, PrincipalPolicies principals) {
        this.iam = iam;
        this.principals = principals;
    }

    /** One {@code ContextEntries} member. */
    public record ContextEntry(String key, List<String> values, String type) {
    }

    /** The verdict for one action on one resource, with the policies it came from. */
    public record Outcome(String action, String resource, Result result) {
    }

    /**
     * @param policySourceArn the role to simulate, with its path; it must belong to {@code accountId}
     * @param extraPolicies   {@code PolicyInputList}: documents added to the role's identity policies
     * @param boundaries      {@code PermissionsBoundaryPolicyInputList}: replaces the role's boundary when given
     * @throws AwsError NoSuchEntity for an unknown role, InvalidInput for an unreadable document
     */
    public List<Outcome> simulatePrincipal(String accountId, String policySourceArn, List<String> extraPolicies,
                                           List<String> boundaries, List<String> actions, List<String> resources,
                                           List<ContextEntry> entries) {
        IamRole role = findRole(accountId, policySourceArn);
        PolicySet own = principals.forRole(role);
        List<SourcedPolicy> identity = new ArrayList<>(own.identity());
        identity.addAll(inputs(extraPolicies, "PolicyInputList"));
        List<SourcedPolicy> boundary = boundaries.isEmpty() ? own.boundary() : inputs(boundaries, "PermissionsBoundaryPolicyInputList");
        return simulate(new PolicySet(List.copyOf(identity), boundary, null), actions, resources, entries);
    }

    /** SimulateCustomPolicy: only the given documents. */
    public List<Outcome> simulateCustom(List<String> policies, List<String> boundaries, List<String> actions,
                                        List<String> resources, List<ContextEntry> entries) {
        List<SourcedPolicy> boundary = boundaries.isEmpty() ? null : inputs(boundaries, "PermissionsBoundaryPolicyInputList");
        return simulate(new PolicySet(inputs(policies, "PolicyInputList"), boundary, null), actions, resources, entries);
    }

    private List<Outcome> simulate(PolicySet set, List<String> actions, List<String> resources, List<ContextEntry> entries) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        for (ContextEntry e : entries) {
            keys.put(e.key(), e.values());
        }
        ConditionContext context = ConditionContext.of(keys);
        List<String> on = resources.isEmpty() ? List.of("*") : resources;
        List<Outcome> out = new ArrayList<>();
        for (String action : actions) {
            for (String resource : on) {
                out.add(new Outcome(action, resource, evaluator.evaluate(set, action, resource, context)));
            }
        }
        return out;
    }

    private IamRole findRole(String accountId, String arn) {
        Optional<Arn> parsed = Arn.parseRole(arn == null ? "" : arn);
        if (parsed.isEmpty()) {
            throw AwsError.invalidInput("Invalid ARN " + arn + ": the emulator simulates roles only.");
        }
        Optional<IamRole> role = parsed.get().accountId().equals(accountId) ? iam.findRoleByArn(arn) : Optional.empty();
        return role.orElseThrow(() -> AwsError.noSuchEntity("The role with name " + parsed.get().name() + " cannot be found."));
    }

    private static List<SourcedPolicy> inputs(List<String> documents, String listName) {
        List<SourcedPolicy> out = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            PolicyDocument d;
            try {
                d = PolicyDocument.parseIdentityPolicy(documents.get(i));
            } catch (MalformedPolicyDocumentException e) {
                throw AwsError.invalidInput(listName + "." + (i + 1) + ": " + e.getMessage());
            }
            out.add(new SourcedPolicy(listName + "." + (i + 1), "none", d, documents.get(i)));
        }
        return List.copyOf(out);
    }
}
