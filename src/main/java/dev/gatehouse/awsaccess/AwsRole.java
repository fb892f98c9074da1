package dev.gatehouse.awsaccess;

/**
 * One AWS role a user may use: the application that signs for it, the account and role, the two ARNs of the
 * assertion's Role value, where to call STS and how long a session lasts.
 */
public record AwsRole(String appId, String appName, String accountId, String roleName, String roleArn,
                      String providerArn, String stsEndpoint, int sessionDurationSeconds) {
    /** The AWS CLI profile name {@code gatehouse aws configure} suggests: ACCOUNTNAME-ROLENAME. */
    public String profileName() {
        String account = appName.replaceAll("[^A-Za-z0-9_.-]+", "-").replaceAll("(^-+|-+$)", "");
        return (account.isEmpty() ? accountId : account) + "-" + roleName;
    }
}
