/**
 * The integration guide end to end in Debian's Chromium: its setup steps, verification, troubleshooting rows,
 * limitations and user provisioning types, driven through the identity center's and the emulated AWS
 * account's web pages only, with a screenshot of every step.
 */
package dev.gatehouse.journey;
