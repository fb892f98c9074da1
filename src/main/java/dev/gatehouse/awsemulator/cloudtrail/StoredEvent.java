package dev.gatehouse.awsemulator.cloudtrail;

import java.time.Instant;
import java.util.List;

/**
 * One CloudTrail event as stored: the lookup attributes beside the record itself.
 *
 * @param username    what LookupEvents reports as {@code Username} (and filters on); may be {@code null}
 * @param accessKeyId the key the call was signed with; {@code null} for unsigned calls and console sign-ins
 * @param recordJson  the CloudTrail record, as {@code CloudTrailEvent} carries it
 */
public record StoredEvent(String eventId, String accountId, Instant eventTime, String eventName, String eventSource,
                          String username, String accessKeyId, boolean readOnly, List<Resource> resources,
                          String recordJson) {

    /** A resource the event names, as LookupEvents lists it ({@code AWS::IAM::Role} and a name or ARN). */
    public record Resource(String type, String name) {
    }
}
