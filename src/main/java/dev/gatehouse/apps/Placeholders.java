package dev.gatehouse.apps;

import dev.gatehouse.directory.UserClaims;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code ${user:...}} variables a mapping value may contain, as IAM Identity Center documents them, and their
 * substitution. Values are plain text: XML escaping happens when the assertion is built, never here.
 */
public final class Placeholders {
    /** Variable name → what it stands for, for error messages and the mapping page. */
    public static final Map<String, String> KNOWN = Map.ofEntries(
            Map.entry("user:email", "the user's email address"),
            Map.entry("user:subject", "a stable opaque identifier of the user"),
            Map.entry("user:name", "the user's display name"),
            Map.entry("user:givenName", "the user's given name"),
            Map.entry("user:familyName", "the user's family name"),
            Map.entry("user:preferredUsername", "the user's user name"),
            // The enterprise extension (SCIM, RFC 7643 §4.3), as provisioning clients or the user page set them.
            Map.entry("user:employeeNumber", "the user's employee number"),
            Map.entry("user:costCenter", "the user's cost center"),
            Map.entry("user:organization", "the user's organization"),
            Map.entry("user:division", "the user's division"),
            Map.entry("user:department", "the user's department"),
            Map.entry("user:manager", "the user name of the user's manager"));

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private Placeholders() {
    }

    /** The problems with the placeholders in {@code value}: unknown names and unclosed {@code ${}. */
    public static List<String> problems(String value) {
        List<String> problems = new ArrayList<>();
        Matcher m = VARIABLE.matcher(value);
        while (m.find()) {
            if (!KNOWN.containsKey(m.group(1))) {
                problems.add("Unknown placeholder ${" + m.group(1) + "}. Use one of: " + knownList() + ".");
            }
        }
        if (m.replaceAll("").contains("${")) {
            problems.add("A placeholder is not closed: write ${user:email}, for example.");
        }
        return problems;
    }

    public static boolean hasPlaceholders(String value) {
        return VARIABLE.matcher(value).find();
    }

    /**
     * Replaces each variable with {@code lookup}'s value.
     *
     * @throws IllegalStateException naming the variable when the user has no value for it
     */
    public static String substitute(String value, Function<String, String> lookup) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String resolved = lookup.apply(m.group(1));
            if (resolved == null || resolved.isEmpty()) {
                throw new IllegalStateException("${" + m.group(1) + "} has no value for this user");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(resolved));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Replaces each variable with {@code user}'s value; see {@link #substitute(String, Function)}. */
    public static String substitute(String value, UserClaims user) {
        return substitute(value, name -> valueOf(name, user));
    }

    /** The value of a variable for {@code user}, or {@code null} when the user has none or the name is unknown. */
    static String valueOf(String name, UserClaims user) {
        return switch (name) {
            case "user:email" -> user.email();
            case "user:subject" -> user.subject();
            case "user:name" -> user.name();
            case "user:givenName" -> user.givenName();
            case "user:familyName" -> user.familyName();
            case "user:preferredUsername" -> user.userName();
            case "user:employeeNumber" -> user.enterprise().employeeNumber();
            case "user:costCenter" -> user.enterprise().costCenter();
            case "user:organization" -> user.enterprise().organization();
            case "user:division" -> user.enterprise().division();
            case "user:department" -> user.enterprise().department();
            case "user:manager" -> user.manager();
            default -> null;
        };
    }

    public static String knownList() {
        return KNOWN.keySet().stream().sorted().map(k -> "${" + k + "}").reduce((a, b) -> a + ", " + b).orElse("");
    }
}
