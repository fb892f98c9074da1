/**
 * IAM policy evaluation as AWS documents it, in one place: wildcards and condition operators (also used by the
 * trust-policy check in {@code sts}), the evaluation of identity policies, permissions boundaries and session
 * policies ({@code PolicyEvaluator}), the authorizer every signed call goes through ({@code PolicyAuthorizer})
 * with the table of the resource each action touches ({@code ActionResources}), the policy simulator and its IAM
 * operations, and session revocation. Never HTTP types.
 */
package dev.gatehouse.awsemulator.policy;
