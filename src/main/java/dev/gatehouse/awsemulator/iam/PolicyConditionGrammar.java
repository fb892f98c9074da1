package dev.gatehouse.awsemulator.iam;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.awsemulator.iam.PolicyDocument.Condition;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code Condition} element of IAM's policy grammar: known operators (with their {@code ForAnyValue:} /
 * {@code ForAllValues:} prefixes and {@code IfExists} suffix), non-empty keys, and values that are strings, numbers or
 * booleans. Part of {@link PolicyDocumentParser}, apart because it is a grammar of its own.
 */
final class PolicyConditionGrammar {
    private static final Set<String> OPERATORS = Set.of("StringEquals", "StringNotEquals", "StringEqualsIgnoreCase",
            "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike", "NumericEquals", "NumericNotEquals",
            "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals", "DateEquals",
            "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals", "Bool",
            "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "Null");

    private PolicyConditionGrammar() {
    }

    static List<Condition> conditions(JsonNode node) {
        if (!node.isObject() || node.isEmpty()) {
            throw PolicyDocumentParser.syntax();
        }
        List<Condition> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> op = it.next();
            if (!knownOperator(op.getKey())) {
                throw new MalformedPolicyDocumentException("Invalid Condition type : " + op.getKey());
            }
            if (!op.getValue().isObject() || op.getValue().isEmpty()) {
                throw PolicyDocumentParser.syntax();
            }
            for (Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> key = keys.next();
                if (key.getKey().isBlank()) {
                    throw PolicyDocumentParser.syntax();
                }
                out.add(new Condition(op.getKey(), key.getKey(), scalars(key.getValue())));
            }
        }
        return List.copyOf(out);
    }

    /** A known operator, optionally with a {@code ForAnyValue:}/{@code ForAllValues:} prefix and an {@code IfExists} suffix. */
    static boolean knownOperator(String written) {
        String op = written;
        if (op.startsWith("ForAnyValue:")) {
            op = op.substring("ForAnyValue:".length());
        } else if (op.startsWith("ForAllValues:")) {
            op = op.substring("ForAllValues:".length());
        }
        if (op.endsWith("IfExists") && !op.equals("NullIfExists")) {
            op = op.substring(0, op.length() - "IfExists".length());
        }
        return OPERATORS.contains(op);
    }

    /** Condition values: strings, numbers or booleans, alone or in a non-empty array, all read as text. */
    private static List<String> scalars(JsonNode node) {
        if (node.isValueNode() && !node.isNull()) {
            return List.of(node.asText());
        }
        if (node.isArray() && !node.isEmpty()) {
            List<String> out = new ArrayList<>();
            for (JsonNode n : node) {
                if (!n.isValueNode() || n.isNull()) {
                    throw PolicyDocumentParser.syntax();
                }
                out.add(n.asText());
            }
            return List.copyOf(out);
        }
        throw PolicyDocumentParser.syntax();
    }
}
