package dev.gatehouse.awsside;

/**
 * One result of a pre-flight check: what is wrong (or fine), the AWS error a user would meet because of it, and the
 * fix.
 *
 * @param check    the check's stable id, e.g. {@code role-session-name}; the error decoder names the same ids
 * @param severity {@link Severity#ERROR}: launches fail; {@link Severity#WARNING}: some may; {@link Severity#OK}
 * @param awsError AWS's error code and message the problem causes, or {@code null} when it causes none
 */
public record Finding(String check, Severity severity, String message, String awsError, String fix) {

    /** How bad a finding is. */
    public enum Severity { ERROR, WARNING, OK }

    public static Finding ok(String check, String message) {
        return new Finding(check, Severity.OK, message, null, null);
    }
}
