package dev.gatehouse.awsemulator.query;

import dev.gatehouse.awsemulator.core.CallerIdentity;

/** Names the resource a Query action touches, for policy evaluation ({@code *} where AWS uses none). */
public interface ResourceResolver {
    /** @param action {@code service:Action}, e.g. {@code iam:GetRole} */
    String resourceOf(String action, QueryRequest request, CallerIdentity caller);

    /** Every action on {@code *} (tests of other rooms). */
    ResourceResolver STAR = (action, request, caller) -> "*";
}
