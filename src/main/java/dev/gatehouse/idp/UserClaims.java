package dev.gatehouse.idp;

import java.util.Set;

/** What the identity provider may say about a user in an assertion, read from the directory at launch time. */
public record UserClaims(String userId, String userName, String subject, String email, String givenName,
                         String familyName, String displayName, Set<String> groupIds) {

    /** The value of a {@code ${user:...}} variable, or {@code null} when the user has none. */
    public String variable(String name) {
        return switch (name) {
            case "user:email" -> email;
            case "user:subject" -> subject;
            case "user:name" -> displayName != null && !displayName.isBlank() ? displayName
                    : join(givenName, familyName);
            case "user:givenName" -> givenName;
            case "user:familyName" -> familyName;
            case "user:preferredUsername" -> userName;
            default -> null;
        };
    }

    private static String join(String a, String b) {
        String s = ((a == null ? "" : a) + " " + (b == null ? "" : b)).trim();
        return s.isEmpty() ? null : s;
    }
}
