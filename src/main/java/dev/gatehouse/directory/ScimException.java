package dev.gatehouse.directory;

/**
 * A SCIM request refused with an HTTP status and, where RFC 7644 §3.12 names one, a {@code scimType}
 * ({@code invalidFilter}, {@code invalidSyntax}, {@code invalidPath}, {@code invalidValue}, {@code noTarget},
 * {@code mutability}, {@code uniqueness}).
 */
final class ScimException extends RuntimeException {
    private final int status;
    private final String scimType;

    ScimException(int status, String scimType, String detail) {
        super(detail);
        this.status = status;
        this.scimType = scimType;
    }

    static ScimException invalidSyntax(String detail) {
        return new ScimException(400, "invalidSyntax", detail);
    }

    static ScimException invalidValue(String detail) {
        return new ScimException(400, "invalidValue", detail);
    }

    static ScimException invalidPath(String detail) {
        return new ScimException(400, "invalidPath", detail);
    }

    static ScimException invalidFilter(String detail) {
        return new ScimException(400, "invalidFilter", detail);
    }

    static ScimException noTarget(String detail) {
        return new ScimException(400, "noTarget", detail);
    }

    static ScimException mutability(String detail) {
        return new ScimException(400, "mutability", detail);
    }

    /** The SCIM form of a refused directory change. */
    static ScimException of(DirectoryException e) {
        return switch (e.code()) {
            case UNIQUENESS -> new ScimException(409, "uniqueness", e.getMessage());
            case INVALID_VALUE -> invalidValue(e.getMessage());
            case NOT_FOUND -> new ScimException(404, null, e.getMessage());
            case VERSION_MISMATCH -> new ScimException(412, null, e.getMessage());
            // RFC 7644 §3.12: a change the resource's mutability forbids (it comes from LDAP).
            case READ_ONLY -> mutability(e.getMessage());
        };
    }

    int status() {
        return status;
    }

    String scimType() {
        return scimType;
    }
}
