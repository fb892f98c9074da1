package dev.gatehouse.awsaccess;

/**
 * One AWS role a user may use: the application that signs for it, the account and role, the two ARNs of the
 * assertion's Role value, where to call STS and how long a session lasts; {@code catalogPair}: one (account, role)
 * of an "AWS accounts" instance (its assertion carries that one Role value), not a guide instance's one role.
 */
public record AwsRole(String appId, String appName, String accountId, String roleName, String roleArn,
                      String providerArn, String stsEndpoint, int sessionDurationSeconds, boolean catalogPair) {
    /** The AWS CLI profile name {@code gatehouse aws configure} suggests: ACCOUNTNAME-ROLENAME. */
    public String profileName() {
        String account = appName.replaceAll("[^A-Za-z0-9_.-]+", "-").replaceAll("(^-+|-+$)", "");
        return (account.isEmpty() ? accountId : account) + "-" + roleName.substring(roleName.lastIndexOf('/') + 1);
    }
}
