package dev.gatehouse.awsside;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.audit.AuditLog;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "What happened in AWS" for one launch: the account's CloudTrail events of the session the launch started. Looks
 * events up by the launch's RoleSessionName (CloudTrail's Username for both the AssumeRoleWithSAML and the calls the
 * session makes) within the session's window, keeps the AssumeRoleWithSAML events for this role whose subject is the
 * launch's NameID, and the events made with the access keys those issued, and the console sign-in of that session.
 * Thread-safe.
 */
public final class CloudTrailJoin {
    static final String LOOKUP_EVENTS = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents";
    /** The longest an AWS role session lasts: the window after the launch in which its events are looked for. */
    static final Duration MAX_SESSION = Duration.ofHours(12);
    /** Pages of 50 events read at most: a session's management events fit; an account's whole day does not. */
    static final int MAX_PAGES = 10;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SESSION_NAME = Pattern.compile("roleSessionName=(\\S+)");
    private static final Pattern ROLE_ARN = Pattern.compile("role=(?:\\S*?)(arn:aws[a-z-]*:iam::\\d{12}:role/[^,\\s]+)");
    private static final Pattern NAME_ID = Pattern.compile("nameId=(\\S+)");

    /** One CloudTrail event as the page lists it. */
    public record TrailEvent(Instant at, String name, String source, String sourceIp, String accessKeyId, String requestId) {
    }

    /** The launch's session in AWS: what was looked for, and what was found. */
    public record Joined(String roleSessionName, String roleArn, Instant from, Instant to, List<TrailEvent> events) {
    }

    /** The launch entry cannot be joined (not an AWS launch) or the account cannot be read. */
    static final class NotJoinable extends Exception {
        NotJoinable(String message) {
            super(message);
        }
    }

    private final AwsApiClient client;
    private final Clock clock;

    CloudTrailJoin(AwsApiClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** The account of the role a launch went to, from its audit detail. */
    static Optional<String> accountOf(AuditLog.Event launch) {
        Matcher role = ROLE_ARN.matcher(launch.detail() == null ? "" : launch.detail());
        return role.find() ? Optional.of(role.group(1).split(":")[4]) : Optional.empty();
    }

    Joined join(AuditLog.Event launch, AwsConnection connection) throws NotJoinable {
        String detail = launch.detail() == null ? "" : launch.detail();
        String session = group(SESSION_NAME, detail).filter(s -> !s.equals("-"))
                .orElseThrow(() -> new NotJoinable("This launch sent no RoleSessionName: it is not an AWS launch."));
        String roleArn = group(ROLE_ARN, detail).orElseThrow(() -> new NotJoinable("This launch named no AWS role."));
        String nameId = group(NAME_ID, detail).orElse(null);
        Instant from = launch.at().minus(Duration.ofMinutes(1));
        Instant to = min(launch.at().plus(MAX_SESSION), clock.instant());
        List<JsonNode> found = lookup(connection, session, from, to);
        Set<String> keys = new HashSet<>();
        List<JsonNode> kept = new ArrayList<>();
        for (JsonNode event : found) {
            JsonNode record = record(event);
            if ("AssumeRoleWithSAML".equals(event.path("EventName").asText())
                    && roleArn.equals(record.path("requestParameters").path("roleArn").asText())
                    && (nameId == null || nameId.equals(record.path("responseElements").path("subject").asText()))) {
                kept.add(event);
                String key = record.path("responseElements").path("credentials").path("accessKeyId").asText("");
                if (!key.isEmpty()) {
                    keys.add(key);
                }
            }
        }
        String sessionArnPrefix = assumedRoleArn(roleArn, session);
        for (JsonNode event : found) {
            JsonNode record = record(event);
            boolean byKey = keys.contains(event.path("AccessKeyId").asText()) || keys.contains(record.path("userIdentity").path("accessKeyId").asText());
            boolean console = "ConsoleLogin".equals(event.path("EventName").asText())
                    && sessionArnPrefix.equals(record.path("userIdentity").path("arn").asText());
            if ((byKey || console) && !kept.contains(event)) {
                kept.add(event);
            }
        }
        List<TrailEvent> events = kept.stream().map(e -> new TrailEvent(Instant.ofEpochSecond(e.path("EventTime").asLong()),
                        e.path("EventName").asText(), e.path("EventSource").asText(), record(e).path("sourceIPAddress").asText(""),
                        e.path("AccessKeyId").asText(""), record(e).path("requestID").asText("")))
                .sorted(java.util.Comparator.comparing(TrailEvent::at)).toList();
        return new Joined(session, roleArn, from, to, events);
    }

    private List<JsonNode> lookup(AwsConnection connection, String session, Instant from, Instant to) throws NotJoinable {
        List<JsonNode> out = new ArrayList<>();
        String next = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            ObjectNode request = JSON.createObjectNode();
            request.putArray("LookupAttributes").addObject().put("AttributeKey", "Username").put("AttributeValue", session);
            request.put("StartTime", from.getEpochSecond());
            // LookupEvents takes whole seconds: round the end up, or an event of the last second would fall outside.
            request.put("EndTime", to.getEpochSecond() + (to.getNano() > 0 ? 1 : 0));
            request.put("MaxResults", 50);
            if (next != null) {
                request.put("NextToken", next);
            }
            JsonNode answer;
            try {
                answer = client.callJson(connection, "cloudtrail", connection.cloudTrailEndpoint(), LOOKUP_EVENTS, request.toString());
            } catch (AwsApiClient.AwsApiError e) {
                throw new NotJoinable("CloudTrail could not be read with the connection: " + e.quoted());
            }
            answer.path("Events").forEach(out::add);
            next = answer.path("NextToken").asText(null);
            if (next == null || next.isEmpty()) {
                break;
            }
        }
        return out;
    }

    private static JsonNode record(JsonNode event) {
        try {
            return JSON.readTree(event.path("CloudTrailEvent").asText("{}"));
        } catch (java.io.IOException e) {
            return JSON.createObjectNode();
        }
    }

    /** {@code arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION} for a role ARN (its path dropped, as STS does). */
    static String assumedRoleArn(String roleArn, String session) {
        String account = roleArn.split(":")[4];
        String name = roleArn.substring(roleArn.lastIndexOf('/') + 1);
        return "arn:aws:sts::" + account + ":assumed-role/" + name + "/" + session;
    }

    private static Optional<String> group(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
