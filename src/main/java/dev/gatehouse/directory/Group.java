package dev.gatehouse.directory;

import java.time.Instant;
import java.util.List;

/**
 * A named set of users; applications can be assigned to a group instead of to each member.
 *
 * @param members the member users, ordered by userName
 * @param externalId the provisioning client's own id for the group (SCIM {@code externalId}), or {@code null}
 */
public record Group(String id, String displayName, List<Member> members, Instant createdAt, Instant updatedAt,
                    int version, String externalId) {

    /** A member of a group, with the userName for display. */
    public record Member(String userId, String userName) {
    }

    public List<String> memberIds() {
        return members.stream().map(Member::userId).toList();
    }
}
