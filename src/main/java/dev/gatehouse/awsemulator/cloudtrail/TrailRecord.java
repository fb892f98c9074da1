package dev.gatehouse.awsemulator.cloudtrail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.awsemulator.core.AwsError;
import dev.gatehouse.awsemulator.sts.IssuedSession;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds one CloudTrail record with the fields in the order AWS writes them (CloudTrail record contents, event
 * version 1.08) and the lookup attributes kept beside it. Not thread-safe; one per event.
 */
final class TrailRecord {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String EVENT_VERSION = "1.08";

    private final ObjectNode record = JSON.createObjectNode();
    private final List<StoredEvent.Resource> resources = new ArrayList<>();
    private final String eventId;
    private final String accountId;
    private final Instant time;
    private final String eventName;
    private final String eventSource;
    private String username;
    private String accessKeyId;
    private boolean readOnly;

    TrailRecord(String eventId, String accountId, Instant time, String eventSource, String eventName) {
        this.eventId = eventId;
        this.accountId = accountId;
        this.time = time;
        this.eventName = eventName;
        this.eventSource = eventSource;
        record.put("eventVersion", EVENT_VERSION);
        record.putObject("userIdentity");
        record.put("eventTime", time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        record.put("eventSource", eventSource);
        record.put("eventName", eventName);
    }

    ObjectNode userIdentity() {
        return (ObjectNode) record.get("userIdentity");
    }

    /** {@code type Root}: the account's root access keys. */
    TrailRecord root(String accessKeyId) {
        userIdentity().put("type", "Root").put("principalId", accountId).put("arn", "arn:aws:iam::" + accountId + ":root")
                .put("accountId", accountId);
        if (accessKeyId != null) {
            userIdentity().put("accessKeyId", accessKeyId);
        }
        this.username = "root";
        this.accessKeyId = accessKeyId;
        return this;
    }

    /** {@code type AssumedRole}, with the session's issuer, creation date and source identity. */
    TrailRecord assumedRole(IssuedSession s, String accessKeyId) {
        ObjectNode u = userIdentity().put("type", "AssumedRole").put("principalId", s.assumedRoleId())
                .put("arn", s.assumedRoleArn()).put("accountId", s.accountId());
        if (accessKeyId != null) {
            u.put("accessKeyId", accessKeyId);
        }
        ObjectNode context = u.putObject("sessionContext");
        context.putObject("sessionIssuer").put("type", "Role").put("principalId", s.roleId())
                .put("arn", "arn:aws:iam::" + s.accountId() + ":role/" + s.roleName()).put("accountId", s.accountId())
                .put("userName", s.roleName());
        context.putObject("attributes").put("creationDate", s.issuedAt().toString()).put("mfaAuthenticated", "false");
        if (s.sourceIdentity() != null) {
            context.put("sourceIdentity", s.sourceIdentity());
        }
        this.username = s.sessionName();
        this.accessKeyId = accessKeyId;
        return this;
    }

    TrailRecord client(String region, String sourceIp, String userAgent) {
        record.put("awsRegion", region);
        record.put("sourceIPAddress", sourceIp);
        if (userAgent != null) {
            record.put("userAgent", QueryShapes.cut(userAgent));
        }
        return this;
    }

    TrailRecord username(String name) {
        this.username = name;
        return this;
    }

    TrailRecord readOnly(boolean value) {
        this.readOnly = value;
        return this;
    }

    TrailRecord request(JsonNode parameters) {
        record.set("requestParameters", parameters);
        return this;
    }

    /** The answer, or AWS's {@code errorCode} / {@code errorMessage} (and no response elements) for a refusal. */
    TrailRecord outcome(JsonNode responseElements, AwsError error) {
        if (error != null) {
            record.put("errorCode", error.code());
            if (error.getMessage() != null) {
                record.put("errorMessage", error.getMessage());
            }
            record.putNull("responseElements");
        } else {
            record.set("responseElements", responseElements);
        }
        return this;
    }

    /** A sign-in failure's text without an error code, as AWS's failed ConsoleLogin records carry it. */
    TrailRecord errorMessage(String message) {
        record.put("errorMessage", message);
        return this;
    }

    ObjectNode additionalEventData() {
        return record.has("additionalEventData") ? (ObjectNode) record.get("additionalEventData") : record.putObject("additionalEventData");
    }

    /** A resource: in the record's {@code resources} when it has an ARN, and among the lookup attributes. */
    TrailRecord resource(String type, String name, boolean inRecord) {
        if (name == null || name.isEmpty()) {
            return this;
        }
        resources.add(new StoredEvent.Resource(type, name));
        if (inRecord) {
            if (!record.has("resources")) {
                record.putArray("resources");
            }
            ((com.fasterxml.jackson.databind.node.ArrayNode) record.get("resources")).addObject()
                    .put("ARN", name).put("accountId", accountId).put("type", type);
        }
        return this;
    }

    StoredEvent finish(String requestId, String eventType) {
        if (!record.has("requestParameters")) {
            record.putNull("requestParameters");
        }
        if (!record.has("responseElements")) {
            record.putNull("responseElements");
        }
        if (requestId != null) {
            record.put("requestID", requestId);
        }
        record.put("eventID", eventId);
        record.put("readOnly", readOnly);
        // The resources array sits after readOnly in AWS's records; move it there.
        JsonNode res = record.remove("resources");
        if (res != null) {
            record.set("resources", res);
        }
        record.put("eventType", eventType);
        record.put("managementEvent", true);
        record.put("recipientAccountId", accountId);
        record.put("eventCategory", "Management");
        try {
            return new StoredEvent(eventId, accountId, time, eventName, eventSource, username, accessKeyId, readOnly,
                    List.copyOf(resources), JSON.writeValueAsString(record));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
