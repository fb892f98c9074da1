package dev.gatehouse.awsemulator.account;

import java.util.regex.Pattern;

/**
 * An account's root access key pair ({@code AKIA…} and its secret).
 * {@link #toString()} hides the secret so it cannot reach a log by accident.
 */
public record RootCredential(String accountId, String accessKeyId, String secretAccessKey) {
    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("[A-Z0-9]{16,128}");

    public RootCredential {
        if (accountId == null || !ACCOUNT_ID.matcher(accountId).matches()) {
            throw new IllegalArgumentException("An account id is 12 digits.");
        }
        if (accessKeyId == null || !ACCESS_KEY_ID.matcher(accessKeyId).matches()) {
            throw new IllegalArgumentException("An access key id is 16 to 128 upper-case letters and digits.");
        }
        if (secretAccessKey == null || secretAccessKey.length() < 16 || secretAccessKey.length() > 128
                || secretAccessKey.contains(":") || secretAccessKey.contains(",")) {
            throw new IllegalArgumentException("A secret access key is 16 to 128 characters without ':' or ','.");
        }
    }

    public SigningCredential signing() {
        return new SigningCredential(accessKeyId, secretAccessKey, accountId, "arn:aws:iam::" + accountId + ":root",
                accountId, null, null);
    }

    @Override
    public String toString() {
        return "RootCredential[accountId=" + accountId + ", accessKeyId=" + accessKeyId + "]";
    }
}
