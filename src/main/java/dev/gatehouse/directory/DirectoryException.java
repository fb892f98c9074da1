package dev.gatehouse.directory;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A directory change that was refused, with every problem found (not just the first), each with a code that the
 * SCIM API maps to its {@code scimType} and the admin pages show next to the form.
 */
public final class DirectoryException extends RuntimeException {
    /** Why a change was refused. */
    public enum Code {
        /** A value that must be unique (userName, group name) is taken: 409. */
        UNIQUENESS(409),
        /** A value is missing, malformed or out of range: 400. */
        INVALID_VALUE(400),
        /** A referenced user or group does not exist: 404 for the resource itself, 400 for a reference. */
        NOT_FOUND(404),
        /** The caller's copy is stale ({@code If-Match}): 412. */
        VERSION_MISMATCH(412),
        /** The user or group comes from an identity source (LDAP) and is changed only there: 409. */
        READ_ONLY(409);

        private final int status;

        Code(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** One problem: its code, the field it concerns (or {@code null}) and a message safe to show. */
    public record Problem(Code code, String field, String message) {
    }

    private final List<Problem> problems;

    public DirectoryException(List<Problem> problems) {
        super(problems.stream().map(Problem::message).collect(Collectors.joining(" ")));
        this.problems = List.copyOf(problems);
    }

    public static DirectoryException of(Code code, String field, String message) {
        return new DirectoryException(List.of(new Problem(code, field, message)));
    }

    /** The problems' messages, safe to show the caller. */
    public List<String> messages() {
        return problems().stream().map(Problem::message).toList();
    }

    public List<Problem> problems() {
        return problems;
    }

    /** The code of the first problem, which decides the HTTP status. */
    public Code code() {
        return problems.get(0).code();
    }
}
