package dev.gatehouse.awsside;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.keys.MasterKey;
import org.jdbi.v3.core.Jdbi;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The account connections of AWS applications: a guide instance's one account ({@link #GUIDE_ACCOUNT}) or each
 * account of a catalog. The secret is sealed under the master key (bound to the application and account, so a
 * sealed value cannot be moved to another row) and never returned after it is saved. Saving and removing are
 * audited, without the secret. Thread-safe.
 */
public final class AwsConnections {
    /** The account key of a guide instance's one account (a catalog's accounts are keyed by their 12-digit ID). */
    public static final String GUIDE_ACCOUNT = "";

    private static final Pattern ACCESS_KEY_ID = Pattern.compile("[A-Z0-9]{16,128}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");

    /** What the console shows of a saved connection: everything but the secret. */
    public record Summary(String accessKeyId, String region, String iamEndpoint, String stsEndpoint,
                          String cloudTrailEndpoint, String updatedBy, String roleArn) {
    }

    /** A refused connection: one message per bad field. */
    public static final class Invalid extends RuntimeException {
        private final List<String> problems;

        Invalid(List<String> problems) {
            super(String.join(" ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    private final Jdbi jdbi;
    private final MasterKey masterKey;
    private final AuditLog audit;
    private final Clock clock;

    public AwsConnections(Jdbi jdbi, MasterKey masterKey, AuditLog audit, Clock clock) {
        this.jdbi = jdbi;
        this.masterKey = masterKey;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Saves the connection of one account ({@link #GUIDE_ACCOUNT} or a 12-digit ID the caller has checked belongs to
     * the application); a blank secret keeps the stored one (the form never shows it). Blank endpoints take AWS's.
     * Refused with every problem at once, and nothing saved, when a field is wrong.
     */
    public void save(String actor, String appId, String accountId, AwsConnection in) {
        List<String> problems = new ArrayList<>();
        if (!GUIDE_ACCOUNT.equals(accountId) && (accountId == null || !ACCOUNT.matcher(accountId).matches())) {
            problems.add("account must be a 12-digit AWS account ID.");
        }
        if (in.accessKeyId() == null || !ACCESS_KEY_ID.matcher(in.accessKeyId()).matches()) {
            problems.add("accessKeyId must be 16 to 128 capital letters and digits.");
        }
        String roleArn = blank(in.roleArn()) ? null : in.roleArn().strip();
        if (roleArn != null && (roleArn.length() > 2048 || !ROLE_ARN.matcher(roleArn).matches())) {
            problems.add("roleArn must be an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME), or empty to use the key itself.");
        }
        String region = blank(in.region()) ? AwsConnection.DEFAULT_REGION : in.region();
        if (!REGION.matcher(region).matches()) {
            problems.add("region must be an AWS Region name such as us-east-1.");
        }
        String iam = endpoint("iamEndpoint", in.iamEndpoint(), AwsConnection.AWS_IAM, problems);
        String sts = endpoint("stsEndpoint", in.stsEndpoint(), AwsConnection.AWS_STS, problems);
        String trail = endpoint("cloudTrailEndpoint", in.cloudTrailEndpoint(), AwsConnection.awsCloudTrail(region), problems);
        String sealed = null;
        if (blank(in.secretAccessKey())) {
            sealed = storedSecret(appId, accountId).orElse(null);
            if (sealed == null) {
                problems.add("secretAccessKey is required.");
            }
        } else if (in.secretAccessKey().length() > 128) {
            problems.add("secretAccessKey must be at most 128 characters.");
        } else {
            sealed = masterKey.encrypt(in.secretAccessKey().getBytes(StandardCharsets.UTF_8), aad(appId, accountId));
        }
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
        String secret = sealed;
        jdbi.useTransaction(h -> {
            // Saves of one application's connections queue on its row, so two at once cannot both insert.
            h.createQuery("SELECT id FROM apps WHERE id = :a FOR UPDATE").bind("a", appId).mapTo(String.class).findOne();
            h.createUpdate("DELETE FROM aws_account_connections WHERE app_id = :a AND account_id = :acct")
                    .bind("a", appId).bind("acct", accountId).execute();
            h.createUpdate("""
                            INSERT INTO aws_account_connections (app_id, account_id, access_key_id, secret_sealed, role_arn,
                                region, iam_endpoint, sts_endpoint, cloudtrail_endpoint, updated_by, updated_at)
                            VALUES (:a, :acct, :k, :s, :role, :r, :iam, :sts, :trail, :by, :at)""")
                    .bind("a", appId).bind("acct", accountId).bind("k", in.accessKeyId()).bind("s", secret)
                    .bind("role", roleArn).bind("r", region).bind("iam", iam).bind("sts", sts).bind("trail", trail)
                    .bind("by", actor).bind("at", clock.instant()).execute();
        });
        Map<String, Object> after = new LinkedHashMap<>();
        if (!GUIDE_ACCOUNT.equals(accountId)) {
            after.put("account", accountId);
        }
        after.put("accessKeyId", in.accessKeyId());
        if (roleArn != null) {
            after.put("roleArn", roleArn);
        }
        after.put("region", region);
        after.put("iamEndpoint", iam);
        after.put("stsEndpoint", sts);
        after.put("cloudTrailEndpoint", trail);
        audit.recordChange(actor, "AWS_CONNECTION_SAVED", appId, null, after);
    }

    public boolean remove(String actor, String appId, String accountId) {
        int rows = jdbi.withHandle(h -> h.createUpdate("DELETE FROM aws_account_connections WHERE app_id = :a AND account_id = :acct")
                .bind("a", appId).bind("acct", accountId).execute());
        if (rows == 1) {
            audit.record(actor, "AWS_CONNECTION_REMOVED", appId, GUIDE_ACCOUNT.equals(accountId) ? "" : "account=" + accountId);
        }
        return rows == 1;
    }

    public Optional<Summary> summary(String appId, String accountId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT access_key_id, region, iam_endpoint, sts_endpoint, cloudtrail_endpoint, updated_by, role_arn
                        FROM aws_account_connections WHERE app_id = :a AND account_id = :acct""")
                .bind("a", appId).bind("acct", accountId)
                .map((rs, ctx) -> new Summary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7))).findOne());
    }

    /** The accounts of the application that have a connection ({@link #GUIDE_ACCOUNT} for a guide instance's). */
    public List<String> connectedAccountIds(String appId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT account_id FROM aws_account_connections WHERE app_id = :a ORDER BY account_id")
                .bind("a", appId).mapTo(String.class).list());
    }

    /** The connection of one account of the application, with its secret unsealed, for signing requests now. */
    public Optional<AwsConnection> open(String appId, String accountId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT access_key_id, secret_sealed, region, iam_endpoint, sts_endpoint, cloudtrail_endpoint, role_arn
                        FROM aws_account_connections WHERE app_id = :a AND account_id = :acct""")
                .bind("a", appId).bind("acct", accountId)
                .map((rs, ctx) -> new AwsConnection(rs.getString(1),
                        new String(masterKey.decrypt(rs.getString(2), aad(appId, accountId)), StandardCharsets.UTF_8),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7))).findOne());
    }

    private Optional<String> storedSecret(String appId, String accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT secret_sealed FROM aws_account_connections WHERE app_id = :a AND account_id = :acct")
                .bind("a", appId).bind("acct", accountId).mapTo(String.class).findOne());
    }

    private static String endpoint(String field, String value, String fallback, List<String> problems) {
        if (blank(value)) {
            return fallback;
        }
        try {
            URI uri = URI.create(value.strip());
            if ((!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) || uri.getHost() == null
                    || value.length() > 1024 || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                problems.add(field + " must be an http(s) URL without query or fragment.");
                return null;
            }
            return value.strip().replaceAll("/+$", "");
        } catch (IllegalArgumentException e) {
            problems.add(field + " must be an http(s) URL without query or fragment.");
            return null;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** A guide instance's secret keeps the binding it was sealed under before connections were per account. */
    private static String aad(String appId, String accountId) {
        return GUIDE_ACCOUNT.equals(accountId) ? "aws-connection:" + appId : "aws-connection:" + appId + ":" + accountId;
    }
}
