/**
 * Build tooling, not product code: the start-up training walk that {@code ./gatehouse} runs once per build to
 * record which classes a start loads, for the class-data-sharing archive. Started by its own {@code main}; no
 * product package imports it.
 */
package dev.gatehouse.training;
