package dev.gatehouse.apps;

/**
 * One AWS account in a catalog: where its sign-in endpoint is and what its SAML provider is called there.
 *
 * @param stsEndpoint optional; kept for the command-line credentials of later issues
 */
public record CatalogAccount(String appId, String accountId, String displayName, String samlProviderName,
                             String signInUrl, String stsEndpoint) {
    public String providerArn() {
        return "arn:aws:iam::" + accountId + ":saml-provider/" + samlProviderName;
    }

    /** The role's ARN; {@code roleName} may carry a path ({@code team/Deployer}). */
    public String roleArn(String roleName) {
        return "arn:aws:iam::" + accountId + ":role/" + roleName;
    }
}
