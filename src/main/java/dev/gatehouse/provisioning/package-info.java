/**
 * SCIM push to applications (the guide's pre-provisioned users): an application's SCIM target with its bearer
 * token sealed under the master key ({@code PushTargets}), a durable outbox that every node claims rows from
 * ({@code PushQueue}), what Gatehouse knows of each user at the target ({@code PushAccounts}), the outbound SCIM
 * client over the JDK's HttpClient ({@code ScimPushClient}) and the service that follows assignments and directory
 * changes and brings each user up to date there, retrying with backoff and auditing every attempt
 * ({@code ScimPush}). May import apps, directory, keys, audit, ids and storage.
 */
package dev.gatehouse.provisioning;
