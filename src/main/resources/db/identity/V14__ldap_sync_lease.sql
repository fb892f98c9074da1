-- One LDAP sync at a time across every node (issue 17): a node runs a sync only after it has taken this row with a
-- conditional UPDATE, so two nodes whose schedules fall due together, or an admin's "Sync now" during a scheduled
-- run, never sync side by side. A claim left by a node that died is taken over once it is stale.
CREATE TABLE ldap_sync_lease (
    id           INTEGER     PRIMARY KEY,   -- always 1
    started_at   TIMESTAMP WITH TIME ZONE,  -- the last sync's start (NULL: never synced)
    finished_at  TIMESTAMP WITH TIME ZONE,  -- NULL while that sync runs
    node         VARCHAR(64)                -- which node took it
);
INSERT INTO ldap_sync_lease (id, started_at, finished_at, node) VALUES (1, NULL, NULL, NULL);
