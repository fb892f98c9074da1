package dev.gatehouse.awsemulator.sts;

import dev.gatehouse.awsemulator.core.AwsError;
import dev.gatehouse.awsemulator.core.CallerIdentity;
import dev.gatehouse.awsemulator.core.SessionContext;
import dev.gatehouse.awsemulator.iam.IamRole;
import dev.gatehouse.awsemulator.iam.IamService;
import dev.gatehouse.awsemulator.iam.MalformedPolicyDocumentException;
import dev.gatehouse.awsemulator.iam.PolicyDocument;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * STS AssumeRole for a caller signed with an account's keys or a session's: the role's trust policy must name the
 * caller as an {@code AWS} principal (its account, its account's root, or its own ARN) for {@code sts:AssumeRole},
 * with {@code sts:ExternalId} and the caller's keys as conditions; the caller's own policies were judged before this
 * runs, like every signed call. A session assuming a role is role chaining: at most an hour, and its SourceIdentity
 * carries over. Thread-safe.
 */
public final class AssumeRole {
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
    static final int CHAINED_MAX_SECONDS = 3600;

    private final IamService iam;
    private final SessionCredentialStore sessions;
    private final TrustPolicyEvaluator trust = new TrustPolicyEvaluator();
    private final Clock clock;

    public AssumeRole(IamService iam, SessionCredentialStore sessions, Clock clock) {
        this.iam = iam;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** The parameters of one call, as STS's model names them; {@code durationSeconds} may be {@code null}. */
    public record Request(String roleArn, String roleSessionName, Integer durationSeconds, String externalId) {
    }

    public IssuedSession assume(CallerIdentity caller, Request request) {
        check(request);
        IamRole role = iam.findRoleByArn(request.roleArn()).orElseThrow(() -> notAuthorized(caller, request.roleArn()));
        if (!trusts(role, caller, request.externalId())) {
            throw notAuthorized(caller, role.arn());
        }
        boolean chained = caller.session() != null;
        int requested = request.durationSeconds() == null ? 3600 : request.durationSeconds();
        if (chained && requested > CHAINED_MAX_SECONDS) {
            throw AwsError.validationError("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
        }
        if (requested > role.maxSessionDurationSeconds()) {
            throw AwsError.validationError("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
        }
        Instant now = clock.instant();
        String sourceIdentity = chained ? caller.session().sourceIdentity() : null;
        SessionContext context = new SessionContext(null, role.arn(), role.roleName(), now, Map.of(), List.of(), sourceIdentity,
                Map.of(), null, List.of());
        return sessions.issue(role.accountId(), role.roleName(), role.roleId(), request.roleSessionName(), sourceIdentity, now,
                now.plusSeconds(requested), context);
    }

    private static void check(Request r) {
        List<String> problems = new ArrayList<>();
        if (r.roleArn() == null || r.roleArn().length() < 20 || r.roleArn().length() > 2048) {
            problems.add("Value '" + r.roleArn() + "' at 'roleArn' failed to satisfy constraint: Member must have length between 20 and 2048");
        }
        if (r.roleSessionName() == null || !SESSION_NAME.matcher(r.roleSessionName()).matches()) {
            problems.add("Value '" + r.roleSessionName() + "' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*");
        }
        if (r.durationSeconds() != null && (r.durationSeconds() < 900 || r.durationSeconds() > 43200)) {
            problems.add("Value '" + r.durationSeconds() + "' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900");
        }
        if (r.externalId() != null && !EXTERNAL_ID.matcher(r.externalId()).matches()) {
            problems.add("Value at 'externalId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]*");
        }
        if (!problems.isEmpty()) {
            throw AwsError.validationError(problems.size() + " validation error" + (problems.size() == 1 ? "" : "s")
                    + " detected: " + String.join("; ", problems));
        }
    }

    private boolean trusts(IamRole role, CallerIdentity caller, String externalId) {
        PolicyDocument policy;
        try {
            policy = PolicyDocument.parseTrustPolicy(role.assumeRolePolicyDocument());
        } catch (MalformedPolicyDocumentException e) {
            return false;
        }
        List<String> arns = new ArrayList<>(List.of(caller.arn()));
        String principalArn = caller.session() != null ? caller.session().roleArn() : caller.arn();
        arns.add(principalArn);
        Map<String, List<String>> context = new LinkedHashMap<>();
        context.put("aws:PrincipalArn", List.of(principalArn));
        context.put("aws:PrincipalAccount", List.of(caller.accountId()));
        context.put("aws:userid", List.of(caller.userId()));
        if (externalId != null) {
            context.put("sts:ExternalId", List.of(externalId));
        }
        if (caller.session() != null && caller.session().sourceIdentity() != null) {
            context.put("aws:SourceIdentity", List.of(caller.session().sourceIdentity()));
        }
        return trust.evaluateAwsCaller(policy, caller.accountId(), arns, "sts:AssumeRole", context) == TrustPolicyEvaluator.Decision.ALLOW;
    }

    private static AwsError notAuthorized(CallerIdentity caller, String roleArn) {
        return AwsError.accessDenied("User: " + caller.arn() + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
    }
}
