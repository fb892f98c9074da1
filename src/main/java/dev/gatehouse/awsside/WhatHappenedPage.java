package dev.gatehouse.awsside;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.web.Chrome;

/**
 * A launch's session as CloudTrail recorded it.
 *
 * @param joined  what was looked for and found, or {@code null} when {@code problem} says why not
 */
public record WhatHappenedPage(Chrome chrome, AuditLog.Event launch, CloudTrailJoin.Joined joined, String problem) {
}
