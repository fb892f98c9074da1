package dev.gatehouse.directory;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a user or group must look like before it is stored. Every check runs, so a form or API caller learns all
 * its mistakes at once.
 */
public final class DirectoryRules {
    public static final int MIN_PASSWORD_LENGTH = 12;
    public static final int MAX_PASSWORD_LENGTH = 256;
    // Printable, no spaces: userNames end up in SAML attributes, audit lines and URLs.
    private static final Pattern USER_NAME = Pattern.compile("[^\\s\\p{Cntrl}]{1,128}");
    private static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8}){0,5}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]{1,255}");

    private DirectoryRules() {
    }

    /** Throws a {@link DirectoryException} listing every problem of {@code draft} and {@code password}. */
    public static void check(UserDraft draft, String password) {
        List<DirectoryException.Problem> problems = new ArrayList<>();
        if (draft.userName() == null || draft.userName().isBlank()) {
            problems.add(invalid("userName", "userName is required."));
        } else if (!USER_NAME.matcher(draft.userName()).matches()) {
            problems.add(invalid("userName", "userName must be 1 to 128 characters without spaces or control characters."));
        }
        if (draft.email() != null && (draft.email().length() > 320 || !EMAIL.matcher(draft.email()).matches())) {
            problems.add(invalid("email", "email must look like name@example.com."));
        }
        checkText(problems, "givenName", draft.givenName(), 128);
        checkText(problems, "familyName", draft.familyName(), 128);
        checkText(problems, "displayName", draft.displayName(), 256);
        checkProfile(problems, draft);
        if (password != null) {
            checkPassword(problems, password);
        }
        if (!problems.isEmpty()) {
            throw new DirectoryException(problems);
        }
    }

    /** The locale (a BCP 47 tag such as {@code en-US}) and the enterprise extension's attributes. */
    private static void checkProfile(List<DirectoryException.Problem> problems, UserDraft draft) {
        if (draft.locale() != null && !LOCALE.matcher(draft.locale()).matches()) {
            problems.add(invalid("locale", "locale must be a language tag such as en-US."));
        }
        Enterprise e = draft.enterprise();
        checkText(problems, "employeeNumber", e.employeeNumber(), 128);
        checkText(problems, "costCenter", e.costCenter(), 256);
        checkText(problems, "organization", e.organization(), 256);
        checkText(problems, "division", e.division(), 256);
        checkText(problems, "department", e.department(), 256);
        checkText(problems, "manager", e.managerId(), 64);
    }

    public static void checkPassword(String password) {
        List<DirectoryException.Problem> problems = new ArrayList<>();
        checkPassword(problems, password);
        if (!problems.isEmpty()) {
            throw new DirectoryException(problems);
        }
    }

    public static void checkGroupName(String displayName) {
        List<DirectoryException.Problem> problems = new ArrayList<>();
        if (displayName == null || displayName.isBlank()) {
            problems.add(invalid("displayName", "displayName is required."));
        } else {
            checkText(problems, "displayName", displayName, 256);
        }
        if (!problems.isEmpty()) {
            throw new DirectoryException(problems);
        }
    }

    /** A provisioning client's {@code externalId}: optional, not blank, at most 256 characters, no control characters. */
    public static void checkExternalId(String externalId) {
        List<DirectoryException.Problem> problems = new ArrayList<>();
        if (externalId != null && externalId.isBlank()) {
            problems.add(invalid("externalId", "externalId must not be blank; remove it instead."));
        }
        checkText(problems, "externalId", externalId, 256);
        if (!problems.isEmpty()) {
            throw new DirectoryException(problems);
        }
    }

    private static void checkPassword(List<DirectoryException.Problem> problems, String password) {
        if (password.length() < MIN_PASSWORD_LENGTH) {
            problems.add(invalid("password", "password must be at least " + MIN_PASSWORD_LENGTH + " characters."));
        } else if (password.length() > MAX_PASSWORD_LENGTH) {
            problems.add(invalid("password", "password must be at most " + MAX_PASSWORD_LENGTH + " characters."));
        }
    }

    private static void checkText(List<DirectoryException.Problem> problems, String field, String value, int max) {
        if (value == null) {
            return;
        }
        if (value.length() > max) {
            problems.add(invalid(field, field + " must be at most " + max + " characters."));
        } else if (value.chars().anyMatch(Character::isISOControl)) {
            problems.add(invalid(field, field + " must not contain control characters."));
        }
    }

    private static DirectoryException.Problem invalid(String field, String message) {
        return new DirectoryException.Problem(DirectoryException.Code.INVALID_VALUE, field, message);
    }
}
