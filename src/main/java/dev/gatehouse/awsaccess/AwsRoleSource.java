package dev.gatehouse.awsaccess;

import java.util.List;

/**
 * Lists the AWS roles a user is entitled to. Each kind of entitlement supplies one: the guide's External AWS Account
 * instances ({@link GuideAccountRoles}); the AWS account catalog's (app, account, role) pairs plug in beside it.
 */
public interface AwsRoleSource {
    /** The active user's roles; empty for an unknown or deactivated user. */
    List<AwsRole> entitledAwsRoles(String userId);
}
