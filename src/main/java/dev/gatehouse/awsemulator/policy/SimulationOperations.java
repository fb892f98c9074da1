package dev.gatehouse.awsemulator.policy;

import dev.gatehouse.awsemulator.core.AwsError;
import dev.gatehouse.awsemulator.core.CallerIdentity;
import dev.gatehouse.awsemulator.policy.PolicyEvaluator.Matched;
import dev.gatehouse.awsemulator.policy.PolicySimulator.ContextEntry;
import dev.gatehouse.awsemulator.policy.PolicySimulator.Outcome;
import dev.gatehouse.awsemulator.iam.IamQueryOperations;
import dev.gatehouse.awsemulator.query.QueryOperation;
import dev.gatehouse.awsemulator.query.QueryRequest;
import dev.gatehouse.awsemulator.query.ResultXml;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * IAM's {@code SimulatePrincipalPolicy} and {@code SimulateCustomPolicy} on the Query API: parameters and result
 * shapes as in the IAM model ({@code SimulatePolicyResponse}: {@code EvaluationResults} with {@code EvalDecision},
 * {@code MatchedStatements} and their positions, {@code MissingContextValues}; paging by {@code MaxItems} and
 * {@code Marker}). One result per action and resource.
 */
public final class SimulationOperations {
    private static final Set<String> KEY_TYPES = Set.of("string", "stringList", "numeric", "numericList", "boolean",
            "booleanList", "ip", "ipList", "binary", "binaryList", "date", "dateList");

    private final PolicySimulator simulator;

    private SimulationOperations(PolicySimulator simulator) {
        this.simulator = simulator;
    }

    public static List<QueryOperation> all(PolicySimulator simulator) {
        SimulationOperations ops = new SimulationOperations(simulator);
        return List.of(op("SimulatePrincipalPolicy", ops::simulatePrincipal), op("SimulateCustomPolicy", ops::simulateCustom));
    }

    private String simulatePrincipal(QueryRequest r, CallerIdentity caller) {
        String source = r.param("PolicySourceArn");
        List<String> actions = list(r, "ActionNames");
        if (source == null) {
            throw AwsError.validationError("1 validation error detected: Value null at 'policySourceArn' failed to satisfy constraint: Member must not be null");
        }
        requireActions(actions);
        return page(r, simulator.simulatePrincipal(caller.accountId(), source, list(r, "PolicyInputList"),
                list(r, "PermissionsBoundaryPolicyInputList"), actions, list(r, "ResourceArns"), entries(r)));
    }

    private String simulateCustom(QueryRequest r, CallerIdentity caller) {
        List<String> policies = list(r, "PolicyInputList");
        List<String> actions = list(r, "ActionNames");
        if (policies.isEmpty()) {
            throw AwsError.validationError("1 validation error detected: Value null at 'policyInputList' failed to satisfy constraint: Member must not be null");
        }
        requireActions(actions);
        return page(r, simulator.simulateCustom(policies, list(r, "PermissionsBoundaryPolicyInputList"), actions,
                list(r, "ResourceArns"), entries(r)));
    }

    private static void requireActions(List<String> actions) {
        if (actions.isEmpty()) {
            throw AwsError.validationError("1 validation error detected: Value null at 'actionNames' failed to satisfy constraint: Member must not be null");
        }
        for (String a : actions) {
            if (a.length() < 3 || a.length() > 128) {
                throw AwsError.validationError("1 validation error detected: Value '" + a
                        + "' at 'actionNames' failed to satisfy constraint: Member must have length between 3 and 128");
            }
        }
    }

    private static String page(QueryRequest r, List<Outcome> outcomes) {
        int max = 100;
        if (r.param("MaxItems") != null) {
            try {
                max = Integer.parseInt(r.param("MaxItems").trim());
            } catch (NumberFormatException e) {
                max = -1;
            }
            if (max < 1 || max > 1000) {
                throw AwsError.validationError("1 validation error detected: Value '" + r.param("MaxItems")
                        + "' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000");
            }
        }
        int from = 0;
        if (r.param("Marker") != null) {
            try {
                from = Integer.parseInt(r.param("Marker"));
            } catch (NumberFormatException e) {
                from = -1;
            }
            if (from < 0 || from > outcomes.size()) {
                throw AwsError.invalidInput("Invalid Marker.");
            }
        }
        int to = Math.min(outcomes.size(), from + max);
        ResultXml x = new ResultXml().open("EvaluationResults");
        for (Outcome o : outcomes.subList(from, to)) {
            result(x.open("member"), o).close("member");
        }
        x.close("EvaluationResults").element("IsTruncated", to < outcomes.size());
        if (to < outcomes.size()) {
            x.element("Marker", Integer.toString(to));
        }
        return x.toString();
    }

    private static ResultXml result(ResultXml x, Outcome o) {
        x.element("EvalActionName", o.action()).element("EvalResourceName", o.resource())
                .element("EvalDecision", o.result().decision().wire()).open("MatchedStatements");
        for (Matched m : o.result().matched()) {
            x.open("member").element("SourcePolicyId", m.policy().sourceId()).element("SourcePolicyType", m.policy().sourceType());
            List<StatementPositions.Span> spans = StatementPositions.of(m.policy().json());
            if (m.statementIndex() < spans.size()) {
                StatementPositions.Span s = spans.get(m.statementIndex());
                x.open("StartPosition").element("Line", s.startLine()).element("Column", s.startColumn()).close("StartPosition")
                        .open("EndPosition").element("Line", s.endLine()).element("Column", s.endColumn()).close("EndPosition");
            }
            x.close("member");
        }
        x.close("MatchedStatements").open("MissingContextValues");
        for (String key : o.result().missing()) {
            x.element("member", key);
        }
        return x.close("MissingContextValues");
    }

    private static List<ContextEntry> entries(QueryRequest r) {
        List<ContextEntry> out = new ArrayList<>();
        for (int i = 1; r.param("ContextEntries.member." + i + ".ContextKeyName") != null; i++) {
            String prefix = "ContextEntries.member." + i + ".";
            String type = r.param(prefix + "ContextKeyType");
            if (type != null && !KEY_TYPES.contains(type)) {
                throw AwsError.validationError("1 validation error detected: Value '" + type + "' at 'contextEntries."
                        + i + ".member.contextKeyType' failed to satisfy constraint: Member must satisfy enum value set: " + KEY_TYPES);
            }
            out.add(new ContextEntry(r.param(prefix + "ContextKeyName"), list(r, prefix + "ContextKeyValues"), type));
        }
        return out;
    }

    private static List<String> list(QueryRequest r, String name) {
        List<String> out = new ArrayList<>();
        for (int i = 1; r.param(name + ".member." + i) != null; i++) {
            out.add(r.param(name + ".member." + i));
        }
        return out;
    }

    private static QueryOperation op(String action, BiFunction<QueryRequest, CallerIdentity, String> body) {
        return IamQueryOperations.op(action, body);
    }
}
