package dev.gatehouse.awsemulator.cloudtrail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.awsemulator.core.AwsError;
import dev.gatehouse.awsemulator.sts.AssumeRoleWithSaml;
import dev.gatehouse.awsemulator.sts.IssuedSession;
import dev.gatehouse.awsemulator.sts.RolePair;
import dev.gatehouse.awsemulator.sts.SignInTrail;

/**
 * The console's SAML sign-in as AWS records it: the AssumeRoleWithSAML the sign-in endpoint makes on the browser's
 * behalf (the same record as a Query call's), then {@code ConsoleLogin} from {@code signin.amazonaws.com} with
 * {@code eventType AwsConsoleSignIn} and the {@code AssumedRole} identity of the new session.
 */
final class SignInEvents {
    private SignInEvents() {
    }

    static StoredEvent assumeRoleWithSaml(EventRecorder recorder, RolePair pair, Integer durationSeconds,
                                   AssumeRoleWithSaml.Result result, AwsError refusal, SignInTrail.Client client) {
        TrailRecord r = recorder.start(pair.accountId(), "sts.amazonaws.com", "AssumeRoleWithSAML").readOnly(true);
        r.userIdentity().put("type", "SAMLUser");
        r.client(EventRecorder.IAM_REGION, client.sourceIp(), client.userAgent());
        ObjectNode params = TrailRecord.JSON.createObjectNode().put("roleArn", pair.roleArn()).put("principalArn", pair.providerArn());
        if (durationSeconds != null) {
            params.put("durationSeconds", durationSeconds);
        }
        r.request(params);
        r.resource("AWS::IAM::Role", pair.roleArn(), true);
        r.resource("AWS::IAM::SAMLProvider", pair.providerArn(), false);
        ObjectNode response = null;
        if (result != null) {
            IssuedSession s = result.session();
            response = TrailRecord.JSON.createObjectNode();
            response.putObject("credentials").put("accessKeyId", s.accessKeyId()).put("expiration", QueryShapes.date(s.expiresAt()));
            response.putObject("assumedRoleUser").put("assumedRoleId", s.assumedRoleId()).put("arn", s.assumedRoleArn());
            response.put("packedPolicySize", result.packedPolicySize());
            response.put("subject", result.subject()).put("subjectType", result.subjectType()).put("issuer", result.issuer())
                    .put("audience", result.audience()).put("nameQualifier", result.nameQualifier());
            if (result.sourceIdentity() != null) {
                response.put("sourceIdentity", result.sourceIdentity());
            }
            r.userIdentity().put("principalId", result.nameQualifier() + ":" + result.subject())
                    .put("userName", result.subject()).put("identityProvider", result.nameQualifier());
            r.username(s.sessionName());
            r.resource("AWS::IAM::AccessKey", s.accessKeyId(), false);
            r.resource("AWS::STS::AssumedRole", s.sessionName(), false);
        }
        r.outcome(response, refusal);
        return r.finish(null, "AwsApiCall");
    }

    static StoredEvent consoleLogin(EventRecorder recorder, IssuedSession session, String providerArn, String loginTo,
                                    SignInTrail.Client client, java.time.Instant time) {
        TrailRecord r = recorder.start(session.accountId(), "signin.amazonaws.com", "ConsoleLogin", time)
                .assumedRole(session, null).readOnly(false);
        r.client(EventRecorder.IAM_REGION, client.sourceIp(), client.userAgent());
        r.outcome(TrailRecord.JSON.createObjectNode().put("ConsoleLogin", "Success"), null);
        r.additionalEventData().put("LoginTo", loginTo == null ? "https://console.aws.amazon.com/console/home" : loginTo)
                .put("MobileVersion", "No").put("MFAUsed", "No").put("SamlProviderArn", providerArn);
        return r.finish(null, "AwsConsoleSignIn");
    }

    /** The root user's password sign-in to the console: {@code ConsoleLogin} Success, or Failure as AWS logs it. */
    static StoredEvent rootConsoleLogin(EventRecorder recorder, String accountId, boolean success, String loginTo,
                                        SignInTrail.Client client) {
        TrailRecord r = recorder.start(accountId, "signin.amazonaws.com", "ConsoleLogin").root(null).readOnly(false);
        r.client(EventRecorder.IAM_REGION, client.sourceIp(), client.userAgent());
        if (success) {
            r.outcome(TrailRecord.JSON.createObjectNode().put("ConsoleLogin", "Success"), null);
        } else {
            r.outcome(TrailRecord.JSON.createObjectNode().put("ConsoleLogin", "Failure"), null);
            r.errorMessage("Failed authentication");
        }
        r.additionalEventData().put("LoginTo", loginTo).put("MobileVersion", "No").put("MFAUsed", "No");
        return r.finish(null, "AwsConsoleSignIn");
    }
}
