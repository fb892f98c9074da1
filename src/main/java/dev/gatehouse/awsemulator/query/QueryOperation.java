package dev.gatehouse.awsemulator.query;

import dev.gatehouse.awsemulator.core.AwsError;
import dev.gatehouse.awsemulator.core.CallerIdentity;

/**
 * One Query API action, e.g. IAM's {@code CreateRole} or STS's {@code AssumeRoleWithSAML}. The dispatcher checks
 * authentication as {@link #auth()} says before calling {@link #handle}.
 */
public interface QueryOperation {
    /** How a call must be authenticated. */
    enum Auth {
        /** A valid AWS Signature Version 4 made with an account's or a session's keys. */
        SIGV4,
        /** Unsigned (e.g. AssumeRoleWithSAML, whose proof is the assertion itself). */
        NONE
    }

    String action();

    /** The API version, e.g. {@code 2010-05-08} for IAM, {@code 2011-06-15} for STS. */
    String version();

    /** The XML namespace of responses, e.g. {@code https://iam.amazonaws.com/doc/2010-05-08/}. */
    String namespace();

    Auth auth();

    /**
     * Performs the call.
     *
     * @param caller who signed the request; {@code null} when {@link #auth()} is {@link Auth#NONE}
     * @return the inner XML of the {@code <ActionResult>} element, or {@code null} for an empty response
     * @throws AwsError for any refusal, with AWS's code, message and status
     */
    String handle(QueryRequest request, CallerIdentity caller);
}
