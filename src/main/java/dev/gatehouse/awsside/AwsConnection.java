package dev.gatehouse.awsside;

/**
 * How the identity center reaches an application's AWS account: an access key pair (the secret only in memory, for
 * signing), optionally a role to assume with it first, and the endpoints, which default to AWS's and can point at an
 * emulated account.
 *
 * @param roleArn a role the key assumes (sts:AssumeRole) before every other call, or {@code null} to use the key itself
 */
public record AwsConnection(String accessKeyId, String secretAccessKey, String region, String iamEndpoint,
                            String stsEndpoint, String cloudTrailEndpoint, String roleArn) {
    public static final String AWS_IAM = "https://iam.amazonaws.com";
    public static final String AWS_STS = "https://sts.amazonaws.com";
    public static final String DEFAULT_REGION = "us-east-1";

    /** AWS's CloudTrail endpoint for a region. */
    public static String awsCloudTrail(String region) {
        return "https://cloudtrail." + region + ".amazonaws.com";
    }

    @Override
    public String toString() {
        return "AwsConnection[" + accessKeyId + ", " + iamEndpoint + "]"; // never the secret
    }
}
