package dev.gatehouse.awsemulator.policy;

import dev.gatehouse.awsemulator.core.CallerIdentity;
import dev.gatehouse.awsemulator.core.SessionContext;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The global condition keys of a request made with role-session credentials (IAM User Guide, "AWS global condition
 * context keys"): the principal's ARN, account, type and user id, the session's tags, source identity, token
 * issue time and {@code saml:*} keys, MFA (false: a SAML session carries no AWS MFA), and the request's time,
 * source address and region. Keys the request lacks are absent, never empty.
 */
final class RequestContextKeys {
    private RequestContextKeys() {
    }

    static Map<String, List<String>> of(CallerIdentity caller, Instant now) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        keys.put("aws:CurrentTime", List.of(iso(now)));
        keys.put("aws:EpochTime", List.of(Long.toString(now.getEpochSecond())));
        keys.put("aws:PrincipalAccount", List.of(caller.accountId()));
        keys.put("aws:userid", List.of(caller.userId()));
        keys.put("aws:SecureTransport", List.of("false"));
        if (caller.sourceIp() != null) {
            keys.put("aws:SourceIp", List.of(caller.sourceIp()));
        }
        if (caller.region() != null) {
            keys.put("aws:RequestedRegion", List.of(caller.region()));
        }
        SessionContext s = caller.session();
        if (s == null) {
            keys.put("aws:PrincipalArn", List.of(caller.arn()));
            keys.put("aws:PrincipalType", List.of(caller.isRoot() ? "Account" : "User"));
            return keys;
        }
        keys.put("aws:PrincipalArn", List.of(s.roleArn() != null ? s.roleArn() : caller.arn()));
        keys.put("aws:PrincipalType", List.of("AssumedRole"));
        keys.put("aws:TokenIssueTime", List.of(iso(s.tokenIssueTime())));
        keys.put("aws:MultiFactorAuthPresent", List.of("false"));
        if (s.sourceIdentity() != null) {
            keys.put("aws:SourceIdentity", List.of(s.sourceIdentity()));
        }
        s.tags().forEach((k, v) -> keys.put("aws:PrincipalTag/" + k, List.of(v)));
        s.samlKeys().forEach((k, v) -> keys.put(k, v));
        return keys;
    }

    static String iso(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
