-- CloudTrail management events, one row per event, kept per account for 90 days as AWS's Event history keeps them
-- (CloudTrailEvents.prune deletes older rows). The lookup attributes LookupEvents filters on are columns with an
-- index each, led by the account and ending in the time, so a filtered page is one index range read newest first.
-- record_json is the CloudTrail record exactly as LookupEvents returns it in CloudTrailEvent.
CREATE TABLE cloudtrail_events (
    event_id      VARCHAR(36)       PRIMARY KEY,
    account_id    VARCHAR(12)       NOT NULL,
    event_time    BIGINT            NOT NULL,
    event_name    VARCHAR(128)      NOT NULL,
    event_source  VARCHAR(64)       NOT NULL,
    username      VARCHAR(256),
    access_key_id VARCHAR(128),
    read_only     BOOLEAN           NOT NULL,
    record_json   VARCHAR(1000000)  NOT NULL
);

CREATE INDEX cloudtrail_events_time ON cloudtrail_events (account_id, event_time, event_id);
CREATE INDEX cloudtrail_events_name ON cloudtrail_events (account_id, event_name, event_time);
CREATE INDEX cloudtrail_events_user ON cloudtrail_events (account_id, username, event_time);
CREATE INDEX cloudtrail_events_key ON cloudtrail_events (account_id, access_key_id, event_time);
CREATE INDEX cloudtrail_events_source ON cloudtrail_events (account_id, event_source, event_time);
-- Retention deletes by time across accounts.
CREATE INDEX cloudtrail_events_age ON cloudtrail_events (event_time);

-- The resources an event names (LookupEvents' Resources, and the ResourceName / ResourceType attributes).
CREATE TABLE cloudtrail_event_resources (
    event_id      VARCHAR(36)   NOT NULL REFERENCES cloudtrail_events(event_id) ON DELETE CASCADE,
    account_id    VARCHAR(12)   NOT NULL,
    event_time    BIGINT        NOT NULL,
    resource_type VARCHAR(64)   NOT NULL,
    resource_name VARCHAR(2048) NOT NULL
);

CREATE INDEX cloudtrail_event_resources_event ON cloudtrail_event_resources (event_id);
CREATE INDEX cloudtrail_event_resources_name ON cloudtrail_event_resources (account_id, resource_name, event_time);
CREATE INDEX cloudtrail_event_resources_type ON cloudtrail_event_resources (account_id, resource_type, event_time);
