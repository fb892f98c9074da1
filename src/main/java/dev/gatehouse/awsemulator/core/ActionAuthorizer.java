package dev.gatehouse.awsemulator.core;

/**
 * Decides whether a signed caller may perform one action on one resource, as IAM's policy evaluation does. Every
 * emulated protocol (Query, JSON 1.1) asks it after authenticating the caller and before doing anything; the
 * account's root user is always allowed.
 */
public interface ActionAuthorizer {

    /**
     * @param action      {@code service:Action}, e.g. {@code iam:ListRoles} or {@code cloudtrail:LookupEvents}
     * @param resourceArn the resource the action touches, or {@code *} for actions without one
     * @throws AwsError AccessDenied (HTTP 403) with AWS's text when the caller may not
     */
    void authorize(CallerIdentity caller, String action, String resourceArn);

    /** Allows everything: the emulator before policy evaluation, and tests of other rooms. */
    ActionAuthorizer ALLOW_ALL = (caller, action, resourceArn) -> { };
}
