package dev.gatehouse.awsemulator.iam;

import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of a role's policies beyond customer-managed attachments: inline policies, AWS managed policies
 * attached by ARN, the permissions boundary and the role's last use. Rows in, rows out, no rules. Thread-safe.
 */
final class RolePolicyStore {
    /** An inline policy as stored. */
    record InlineRow(String name, String document) {
    }

    /** Locks the role's row for the transaction, so quota checks on its policies see every concurrent change. */
    void lockRole(Handle h, String roleId) {
        h.createQuery("SELECT role_id FROM iam_roles WHERE role_id = :r FOR UPDATE").bind("r", roleId).mapTo(String.class).findOne();
    }

    // --- inline policies

    List<InlineRow> inlinePolicies(Handle h, String roleId) {
        return h.createQuery("SELECT name, document FROM iam_role_inline_policies WHERE role_id = :r ORDER BY name_key")
                .bind("r", roleId).map((rs, c) -> new InlineRow(rs.getString(1), rs.getString(2))).list();
    }

    Optional<InlineRow> inlinePolicy(Handle h, String roleId, String name) {
        return h.createQuery("SELECT name, document FROM iam_role_inline_policies WHERE role_id = :r AND name_key = :k")
                .bind("r", roleId).bind("k", IamStore.key(name)).map((rs, c) -> new InlineRow(rs.getString(1), rs.getString(2))).findOne();
    }

    /** Replaces a policy of the same name (compared case-insensitively), as PutRolePolicy does. */
    void putInline(Handle h, String roleId, String name, String document, Instant at) {
        h.createUpdate("DELETE FROM iam_role_inline_policies WHERE role_id = :r AND name_key = :k")
                .bind("r", roleId).bind("k", IamStore.key(name)).execute();
        h.createUpdate("INSERT INTO iam_role_inline_policies (role_id, name, name_key, document, created_at) VALUES (:r, :n, :k, :d, :t)")
                .bind("r", roleId).bind("n", name).bind("k", IamStore.key(name)).bind("d", document).bind("t", at.toEpochMilli()).execute();
    }

    boolean deleteInline(Handle h, String roleId, String name) {
        return h.createUpdate("DELETE FROM iam_role_inline_policies WHERE role_id = :r AND name_key = :k")
                .bind("r", roleId).bind("k", IamStore.key(name)).execute() > 0;
    }

    int countInline(Handle h, String roleId) {
        return h.createQuery("SELECT COUNT(*) FROM iam_role_inline_policies WHERE role_id = :r").bind("r", roleId).mapTo(Integer.class).one();
    }

    // --- AWS managed policies attached to roles

    List<String> awsPolicyArns(Handle h, String roleId) {
        return h.createQuery("SELECT policy_arn FROM iam_role_aws_policies WHERE role_id = :r ORDER BY policy_arn")
                .bind("r", roleId).mapTo(String.class).list();
    }

    boolean attachAws(Handle h, String roleId, String arn, Instant at) {
        boolean already = h.createQuery("SELECT COUNT(*) FROM iam_role_aws_policies WHERE role_id = :r AND policy_arn = :p")
                .bind("r", roleId).bind("p", arn).mapTo(Integer.class).one() > 0;
        if (already) {
            return false;
        }
        h.createUpdate("INSERT INTO iam_role_aws_policies (role_id, policy_arn, attached_at) VALUES (:r, :p, :t)")
                .bind("r", roleId).bind("p", arn).bind("t", at.toEpochMilli()).execute();
        return true;
    }

    boolean detachAws(Handle h, String roleId, String arn) {
        return h.createUpdate("DELETE FROM iam_role_aws_policies WHERE role_id = :r AND policy_arn = :p")
                .bind("r", roleId).bind("p", arn).execute() > 0;
    }

    /** How many roles of {@code accountId} have the AWS managed policy attached (its AttachmentCount there). */
    int awsAttachmentCount(Handle h, String accountId, String arn) {
        return h.createQuery("SELECT COUNT(*) FROM iam_role_aws_policies a JOIN iam_roles r ON r.role_id = a.role_id "
                        + "WHERE r.account_id = :a AND a.policy_arn = :p")
                .bind("a", accountId).bind("p", arn).mapTo(Integer.class).one();
    }

    /** The AWS managed policies attached to some role of the account, by ARN (ListPolicies OnlyAttached). */
    List<String> awsArnsAttachedIn(Handle h, String accountId) {
        return h.createQuery("SELECT DISTINCT a.policy_arn FROM iam_role_aws_policies a JOIN iam_roles r ON r.role_id = a.role_id "
                        + "WHERE r.account_id = :a").bind("a", accountId).mapTo(String.class).list();
    }

    // --- permissions boundary and last use

    void setBoundary(Handle h, String roleId, String arn) {
        h.createUpdate("UPDATE iam_roles SET permissions_boundary = :b WHERE role_id = :r").bind("b", arn).bind("r", roleId).execute();
    }

    /** How many roles of {@code accountId} use the policy as their permissions boundary. */
    int boundaryUsageCount(Handle h, String accountId, String arn) {
        return h.createQuery("SELECT COUNT(*) FROM iam_roles WHERE account_id = :a AND permissions_boundary = :p")
                .bind("a", accountId).bind("p", arn).mapTo(Integer.class).one();
    }

    /** The ARNs of AWS managed policies some role of the account uses as its boundary. */
    List<String> awsBoundariesIn(Handle h, String accountId) {
        return h.createQuery("SELECT DISTINCT permissions_boundary FROM iam_roles WHERE account_id = :a "
                        + "AND permissions_boundary LIKE 'arn:aws:iam::aws:%'").bind("a", accountId).mapTo(String.class).list();
    }

    void recordUse(Handle h, String roleId, Instant at, String region) {
        h.createUpdate("UPDATE iam_roles SET last_used_at = :t, last_used_region = :g WHERE role_id = :r")
                .bind("t", at.toEpochMilli()).bind("g", region).bind("r", roleId).execute();
    }
}
