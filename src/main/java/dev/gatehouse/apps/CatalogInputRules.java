package dev.gatehouse.apps;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the AWS accounts catalog accepts as input: AWS's grammar for account IDs, SAML provider names and role names
 * (with their optional path), and the sign-in endpoints assertions may be posted to. One message per bad field.
 */
final class CatalogInputRules {
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern PROVIDER_NAME = Pattern.compile("[\\w._-]{1,128}");
    private static final Pattern ROLE_BASE_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
    private static final Pattern PATH_SEGMENT = Pattern.compile("[\\x21-\\x7E&&[^/]]+");

    private CatalogInputRules() {
    }

    /** The problems of an account's fields (already trimmed; {@code url} defaulted to the global endpoint). */
    static List<String> accountProblems(String accountId, String name, String provider, String url, String sts) {
        List<String> problems = new ArrayList<>();
        if (accountId == null || !ACCOUNT_ID.matcher(accountId).matches()) {
            problems.add("accountId must be 12 digits, as AWS shows it (e.g. 123456789012).");
        }
        if (name == null || name.isEmpty() || name.length() > 128) {
            problems.add("displayName is required, 1 to 128 characters.");
        }
        if (provider == null || !PROVIDER_NAME.matcher(provider).matches()) {
            problems.add("samlProviderName must be the IAM SAML provider's name in that account: 1 to 128 letters, digits or ._-.");
        }
        if (!validSignInUrl(url)) {
            problems.add("signInUrl must be " + AwsCatalog.GLOBAL_SIGN_IN + " or a regional https://REGION.signin.aws.amazon.com/saml "
                    + "(an emulated account's http(s)://HOST/saml also works).");
        }
        if (sts != null && !sts.isEmpty() && !sts.matches("https?://[^\\s/]+(/\\S*)?") || sts != null && sts.length() > 1024) {
            problems.add("stsEndpoint, when given, must be an http(s) URL such as https://sts.us-east-2.amazonaws.com.");
        }
        return problems;
    }

    /** IAM's role grammar: an optional path of printable segments (512 characters at most), then a 1–64 character name. */
    static List<String> roleNameProblems(String roleName) {
        String name = roleName == null ? "" : normalize(roleName);
        int slash = name.lastIndexOf('/');
        String base = name.substring(slash + 1);
        boolean pathOk = slash < 0 || slash + 2 <= 512 && Arrays.stream(name.substring(0, slash).split("/", -1))
                .allMatch(s -> PATH_SEGMENT.matcher(s).matches());
        if (!ROLE_BASE_NAME.matcher(base).matches() || !pathOk) {
            return List.of("roleName \"" + roleName + "\" is not an IAM role name: 1 to 64 letters, digits or +=,.@_-, "
                    + "optionally after a path such as team/ (printable characters, 512 at most).");
        }
        return List.of();
    }

    /** A role name as stored: without a leading slash. */
    static String normalize(String roleName) {
        return roleName.startsWith("/") ? roleName.substring(1) : roleName;
    }

    static boolean validSignInUrl(String url) {
        return isAwsSignIn(url) || url.length() <= 1024 && url.matches("https?://[^\\s/?#]+(/[^\\s?#]*)?/saml");
    }

    static boolean isAwsSignIn(String url) {
        return AwsSamlRules.isAwsSignIn(url);
    }
}
