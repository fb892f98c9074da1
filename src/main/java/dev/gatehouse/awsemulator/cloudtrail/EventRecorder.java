package dev.gatehouse.awsemulator.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.awsemulator.core.Arn;
import dev.gatehouse.awsemulator.core.AwsError;
import dev.gatehouse.awsemulator.core.CallerIdentity;
import dev.gatehouse.awsemulator.query.ApiCall;
import dev.gatehouse.awsemulator.query.CallRecorder;
import dev.gatehouse.awsemulator.sts.AssumeRoleWithSaml;
import dev.gatehouse.awsemulator.sts.IssuedSession;
import dev.gatehouse.awsemulator.sts.RolePair;
import dev.gatehouse.awsemulator.sts.SessionCredentialStore;
import dev.gatehouse.awsemulator.sts.SignInTrail;
import dev.gatehouse.ids.RandomIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what the emulator answered into CloudTrail events: every Query and JSON call an operation answered (told by
 * the query room), and the console sign-in's AssumeRoleWithSAML and ConsoleLogin (told by STS). Events of accounts
 * the emulator does not hold are not kept, so unsigned callers cannot fill the store for made-up accounts.
 * Thread-safe.
 */
public final class EventRecorder implements CallRecorder, SignInTrail {
    static final String IAM_REGION = "us-east-1";
    private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/\\d{8}/([^/,\\s]+)/");

    private final CloudTrailEvents events;
    private final SessionCredentialStore sessions;
    private final Predicate<String> accountExists;
    private final Clock clock;
    private final RandomIds ids;

    public EventRecorder(CloudTrailEvents events, SessionCredentialStore sessions, Predicate<String> accountExists,
                         Clock clock, RandomIds ids) {
        this.events = events;
        this.sessions = sessions;
        this.accountExists = accountExists;
        this.clock = clock;
        this.ids = ids;
    }

    @Override
    public void record(ApiCall call) {
        try {
            build(call).ifPresent(e -> events.append(List.of(e)));
        } catch (RuntimeException e) {
            // The caller has its answer; a lost event is logged, never turned into a failure of the call.
            log.warn("CloudTrail event of {} not kept (request id {})", call.action(), call.requestId(), e);
        }
    }

    Optional<StoredEvent> build(ApiCall call) {
        boolean assume = call.action().equals("AssumeRoleWithSAML");
        String accountId = call.caller() != null ? call.caller().accountId() : assume ? accountOf(param(call, "RoleArn")) : null;
        // A signed caller's account exists (its key was just resolved); an unsigned one names any account it likes.
        if (accountId == null || (call.caller() == null && !accountExists.test(accountId))) {
            return Optional.empty();
        }
        Matcher credential = CREDENTIAL.matcher(String.valueOf(call.signed().header("Authorization")));
        boolean signed = credential.find();
        String region = call.service().equals("iam") || !signed ? IAM_REGION : credential.group(2);
        TrailRecord r = new TrailRecord(ids.uuid(), accountId, clock.instant(), call.service() + ".amazonaws.com", call.action())
                .readOnly(readOnly(call.action()));
        if (call.caller() != null) {
            identify(r, call.caller(), signed ? credential.group(1) : null);
        } else {
            r.userIdentity().put("type", "SAMLUser");
        }
        r.client(region, call.sourceIp(), call.signed().header("User-Agent"));
        if (call.jsonBody() != null) {
            r.request(jsonRequest(call.jsonBody()));
        } else {
            r.request(QueryShapes.requestParameters(call.params()));
        }
        JsonNode response = null;
        if (call.error() == null && call.jsonBody() == null && (!readOnly(call.action()) || assume)) {
            response = QueryShapes.resultElements(call.result());
        }
        if (assume) {
            assumed(r, param(call, "RoleArn"), param(call, "PrincipalArn"), (ObjectNode) response);
        } else {
            queryResources(r, call);
        }
        r.outcome(response, call.error());
        return Optional.of(r.finish(call.requestId(), "AwsApiCall"));
    }

    private void identify(TrailRecord r, CallerIdentity caller, String accessKeyId) {
        Optional<IssuedSession> session = sessions.findIssued(accessKeyId);
        if (session.isPresent()) {
            r.assumedRole(session.get(), accessKeyId);
        } else if (caller.arn().endsWith(":root")) {
            r.root(accessKeyId);
        } else {
            r.userIdentity().put("type", "Unknown").put("principalId", caller.userId()).put("arn", caller.arn())
                    .put("accountId", caller.accountId());
        }
    }

    /** AssumeRoleWithSAML's identity (SAMLUser), response without secrets, Username and resources. */
    private static void assumed(TrailRecord r, String roleArn, String providerArn, ObjectNode response) {
        r.resource("AWS::IAM::Role", roleArn, true);
        r.resource("AWS::IAM::SAMLProvider", providerArn, false);
        if (response == null) {
            return;
        }
        ObjectNode credentials = (ObjectNode) response.get("credentials");
        if (credentials != null) {
            credentials.remove("secretAccessKey");
            // The emulator keeps session tokens only as their hash; the record must not be a copy of one.
            credentials.remove("sessionToken");
            r.resource("AWS::IAM::AccessKey", credentials.path("accessKeyId").asText(null), false);
        }
        if (response.has("packedPolicySize")) {
            response.put("packedPolicySize", response.get("packedPolicySize").asInt());
        }
        String subject = response.path("subject").asText(null);
        String qualifier = response.path("nameQualifier").asText(null);
        ObjectNode u = r.userIdentity();
        if (subject != null && qualifier != null) {
            u.put("principalId", qualifier + ":" + subject).put("userName", subject).put("identityProvider", qualifier);
        }
        String arn = response.path("assumedRoleUser").path("arn").asText("");
        String sessionName = arn.substring(arn.lastIndexOf('/') + 1);
        if (!sessionName.isEmpty()) {
            // Event history's User name for AssumeRoleWithSAML: the session name the assertion carried.
            r.username(sessionName);
            r.resource("AWS::STS::AssumedRole", sessionName, false);
        }
    }

    private static void queryResources(TrailRecord r, ApiCall call) {
        r.resource("AWS::IAM::Role", param(call, "RoleName"), false);
        r.resource("AWS::IAM::Policy", param(call, "PolicyArn"), false);
        r.resource("AWS::IAM::Policy", param(call, "PolicyName"), false);
        r.resource("AWS::IAM::SAMLProvider", param(call, "SAMLProviderArn"), false);
        if (call.action().equals("CreateSAMLProvider")) {
            r.resource("AWS::IAM::SAMLProvider", param(call, "Name"), false);
        }
    }

    static boolean readOnly(String action) {
        return action.startsWith("Get") || action.startsWith("List") || action.startsWith("Simulate")
                || action.startsWith("Lookup") || action.startsWith("Describe") || action.equals("AssumeRoleWithSAML");
    }

    private static JsonNode jsonRequest(String body) {
        try {
            JsonNode node = body.isBlank() ? null : TrailRecord.JSON.readTree(body);
            if (node == null || !node.isObject() || node.isEmpty()) {
                return null;
            }
            ObjectNode out = TrailRecord.JSON.createObjectNode();
            node.fields().forEachRemaining(f -> out.set(QueryShapes.camel(f.getKey()), f.getValue()));
            return out;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static String param(ApiCall call, String name) {
        var values = call.params().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String accountOf(String arn) {
        if (arn == null) {
            return null;
        }
        try {
            return Arn.parse(arn).accountId();
        } catch (AwsError | IllegalArgumentException e) {
            return null;
        }
    }

    /** Both events of a sign-in in one transaction: the role's account exists, since STS just used its role. */
    @Override
    public void signedIn(RolePair pair, int durationSeconds, AssumeRoleWithSaml.Result result, String loginTo, Client client) {
        try {
            StoredEvent assumed = SignInEvents.assumeRoleWithSaml(this, pair, durationSeconds, result, null, client);
            // The sign-in follows the AssumeRoleWithSAML it needed; lookups order by time, so keep them apart.
            java.time.Instant after = assumed.eventTime().plusMillis(1);
            java.time.Instant now = clock.instant();
            events.append(List.of(assumed, SignInEvents.consoleLogin(this, result.session(), pair.providerArn(), loginTo, client,
                    now.isAfter(after) ? now : after)));
        } catch (RuntimeException e) {
            log.warn("CloudTrail events of a console sign-in not kept", e);
        }
    }

    @Override
    public void refused(RolePair pair, int durationSeconds, AwsError refusal, Client client) {
        try {
            // The account comes from the unverified assertion here: keep events only for accounts held.
            if (accountExists.test(pair.accountId())) {
                events.append(List.of(SignInEvents.assumeRoleWithSaml(this, pair, durationSeconds, null, refusal, client)));
            }
        } catch (RuntimeException e) {
            log.warn("CloudTrail event of a refused console sign-in not kept", e);
        }
    }

    /**
     * The root user's console sign-in with the account's secret key (the emulator's stand-in for the root
     * password); a failure is kept only for an account the emulator holds.
     */
    public void rootConsoleLogin(String accountId, boolean success, String loginTo, String sourceIp, String userAgent) {
        try {
            if (accountExists.test(accountId)) {
                events.append(List.of(SignInEvents.rootConsoleLogin(this, accountId, success, loginTo,
                        new Client(sourceIp, userAgent))));
            }
        } catch (RuntimeException e) {
            log.warn("CloudTrail event of a root console sign-in not kept", e);
        }
    }

    TrailRecord start(String accountId, String source, String name) {
        return start(accountId, source, name, clock.instant());
    }

    TrailRecord start(String accountId, String source, String name, java.time.Instant time) {
        return new TrailRecord(ids.uuid(), accountId, time, source, name);
    }
}
