package dev.gatehouse.awsside;

/**
 * The least-privilege IAM policy an account connection's keys need: the read calls of the checks on this
 * application's provider and role (the role listing and the provider listing find a name that differs only in case),
 * nothing that writes.
 */
final class ConnectionPolicy {
    private ConnectionPolicy() {
    }

    /** The policy for {@code target}'s provider and role; for any provider and role while there is no target. */
    static String json(AwsTarget target) {
        String provider = target == null ? "arn:aws:iam::*:saml-provider/*" : target.providerArn();
        String role = target == null ? "arn:aws:iam::*:role/*" : target.roleArn();
        return """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {"Sid": "ReadTheProvider", "Effect": "Allow", "Action": ["iam:GetSAMLProvider"], "Resource": "%s"},
                    {"Sid": "ReadTheRole", "Effect": "Allow",
                     "Action": ["iam:GetRole", "iam:ListAttachedRolePolicies", "iam:ListRolePolicies"], "Resource": "%s"},
                    {"Sid": "FindNamesThatDifferInCase", "Effect": "Allow", "Action": ["iam:ListSAMLProviders", "iam:ListRoles"], "Resource": "*"}
                  ]
                }""".formatted(provider, role);
    }
}
