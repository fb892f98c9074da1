package dev.gatehouse.awsside;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The least-privilege IAM policy an account connection's keys need: the read calls of the checks on this account's
 * provider and roles (the listings find a name that differs only in case), the one write it makes, on its own
 * provider (pushing rotated metadata and encryption keys), and CloudTrail's event lookup for *What happened in AWS*.
 */
final class ConnectionPolicy {
    private ConnectionPolicy() {
    }

    /** The policy for the roles of one account (they share its provider); for any provider and role while there are none. */
    static String json(List<AwsTarget> roles) {
        String provider = roles.isEmpty() ? "arn:aws:iam::*:saml-provider/*" : roles.get(0).providerArn();
        String roleArns = roles.isEmpty() ? "\"arn:aws:iam::*:role/*\""
                : roles.stream().map(r -> "\"" + r.roleArn() + "\"").distinct().collect(Collectors.joining(", "));
        return """
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {"Sid": "ReadAndUpdateTheProvider", "Effect": "Allow",
                     "Action": ["iam:GetSAMLProvider", "iam:UpdateSAMLProvider"], "Resource": "%s"},
                    {"Sid": "ReadTheRoles", "Effect": "Allow",
                     "Action": ["iam:GetRole", "iam:ListAttachedRolePolicies", "iam:ListRolePolicies"], "Resource": [%s]},
                    {"Sid": "FindNamesThatDifferInCase", "Effect": "Allow", "Action": ["iam:ListSAMLProviders", "iam:ListRoles"], "Resource": "*"},
                    {"Sid": "FollowLaunchesIntoCloudTrail", "Effect": "Allow", "Action": ["cloudtrail:LookupEvents"], "Resource": "*"}
                  ]
                }""".formatted(provider, roleArns);
    }
}
