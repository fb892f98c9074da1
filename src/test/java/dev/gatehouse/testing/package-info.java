/**
 * The test helpers, each once: {@link dev.gatehouse.testing.Http} (a cookie-keeping, browser-like HTTP client
 * with CSRF tokens and form posts), {@link dev.gatehouse.testing.MovableClock} (time a test moves by hand instead of
 * sleeping), {@link dev.gatehouse.testing.Peers} (the real interop peers from Debian, and the one rule for a missing
 * one: skip with the reason on a developer machine, fail under {@code CI=true}) and
 * {@link dev.gatehouse.testing.SeededRandom} (a {@code SecureRandom} that draws the same bytes every run). Beside
 * them: {@link dev.gatehouse.testing.Chromium} (the headless browser set-up) and
 * {@link dev.gatehouse.testing.CountingDataSource} (a real data source that counts transactions and can hold one),
 * {@link dev.gatehouse.testing.PostBindingPage} (the SAML response an auto-posting page carries).
 *
 * <p>Test code only: nothing under {@code src/main} may import it, and {@code ArchitectureTest} reads main classes
 * only, so this package is not a row of the package map.
 */
package dev.gatehouse.testing;
