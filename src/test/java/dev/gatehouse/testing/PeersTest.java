package dev.gatehouse.testing;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The skip-or-fail rule itself, and running a peer process. */
class PeersTest {

    @Test
    void requireWhenPresentThenCarriesOn() {
        Peers.require(true, "never shown");
    }

    @Test
    void requireWhenMissingThenSkipsOnADeveloperMachineAndFailsOnCi() {
        Class<? extends Throwable> expected = Peers.onCi() ? AssertionError.class : TestAbortedException.class;
        assertThatThrownBy(() -> Peers.require(false, "frobnicator is missing"))
                .isExactlyInstanceOf(expected).hasMessageContaining("frobnicator is missing");
    }

    @Test
    void executableWhenPathMissingThenSkipsOrFailsNamingTheDebianPackage() {
        assertThatThrownBy(() -> Peers.executable("/nonexistent/frobnicate", "frobnicator"))
                .isInstanceOfAny(AssertionError.class, TestAbortedException.class)
                .hasMessageContaining("/nonexistent/frobnicate is missing: install the Debian package frobnicator");
    }

    @Test
    void runThenExitCodeAndCombinedOutputWithStdinAndEnvironment() {
        String sh = Peers.executable("/bin/sh", "dash");
        Peers.Result result = Peers.run(List.of(sh, "-c", "cat; echo \"$GREETING\"; echo oops >&2; exit 7"),
                Map.of("GREETING", "hello"), "from stdin\n");
        assertThat(result.exitCode()).isEqualTo(7);
        assertThat(result.output()).isEqualTo("from stdin\nhello\noops\n");
    }
}
