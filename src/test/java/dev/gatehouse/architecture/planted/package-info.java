/** Deliberate violations that {@code ArchitectureRulesTest} plants to prove the architecture rules can fail. */
package dev.gatehouse.architecture.planted;
