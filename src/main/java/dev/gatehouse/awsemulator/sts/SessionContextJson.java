package dev.gatehouse.awsemulator.sts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.awsemulator.core.SessionContext;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The stored form of a {@link SessionContext}: one JSON document beside the credential's columns. A row written
 * before the column existed reads as a session without tags or session policies.
 */
final class SessionContextJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Stored(Map<String, String> tags, List<String> transitiveTagKeys, Map<String, List<String>> samlKeys,
                          String inlinePolicy, List<String> policyArns) {
    }

    private SessionContextJson() {
    }

    static String write(SessionContext c) {
        try {
            return JSON.writeValueAsString(new Stored(c.tags(), c.transitiveTagKeys(), c.samlKeys(), c.inlinePolicy(), c.policyArns()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static SessionContext read(String accessKeyId, String roleArn, String roleName, Instant issuedAt, String sourceIdentity,
                               String json) {
        Stored s = null;
        if (json != null) {
            try {
                s = JSON.readValue(json, new TypeReference<Stored>() { });
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("unreadable session context of " + accessKeyId, e);
            }
        }
        return new SessionContext(accessKeyId, roleArn, roleName, issuedAt,
                s == null || s.tags() == null ? Map.of() : s.tags(),
                s == null || s.transitiveTagKeys() == null ? List.of() : s.transitiveTagKeys(),
                sourceIdentity,
                s == null || s.samlKeys() == null ? Map.of() : s.samlKeys(),
                s == null ? null : s.inlinePolicy(),
                s == null || s.policyArns() == null ? List.of() : s.policyArns());
    }
}
