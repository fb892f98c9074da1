package dev.gatehouse.cli;

import dev.gatehouse.awsemulator.AwsEmulator;
import dev.gatehouse.identitycenter.IdentityCenter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * {@code --bind}: the demo and the emulator listen on this machine only unless told otherwise; {@code serve}
 * listens on every interface. Reachability is tried on a non-loopback address of this machine.
 */
class BindAddressTest {

    /** An IPv4 address of this machine that other machines could use, if it has one. */
    private static Optional<InetAddress> nonLoopbackAddress() {
        try {
            return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                    .filter(BindAddressTest::up)
                    .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                    .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                    .findFirst();
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean up(NetworkInterface i) {
        try {
            return i.isUp() && !i.isLoopback();
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a TCP connection to {@code address:port} is accepted; refused means nothing listens there. */
    private static boolean reachable(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 5_000);
            return true;
        } catch (ConnectException refused) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theDemoByDefaultListensOnLoopbackOnly(@TempDir Path data) {
        DemoCommand command = DemoCommandTest.demo(data, 0, 0);
        assertThat(command.bind).isEqualTo("127.0.0.1");
        InetAddress outside = nonLoopbackAddress().orElse(null);
        assumeThat(outside).as("this machine has no non-loopback IPv4 address to try").isNotNull();
        try (DemoCommand.Running demo = command.start(null)) {
            assertThat(reachable(InetAddress.getLoopbackAddress(), demo.center().port())).isTrue();
            assertThat(reachable(InetAddress.getLoopbackAddress(), demo.aws().port())).isTrue();
            assertThat(reachable(outside, demo.center().port())).isFalse();
            assertThat(reachable(outside, demo.aws().port())).isFalse();
        }
    }

    @Test
    void theDemoWithBindAllIsReachableFromOutside(@TempDir Path data) {
        InetAddress outside = nonLoopbackAddress().orElse(null);
        assumeThat(outside).as("this machine has no non-loopback IPv4 address to try").isNotNull();
        try (DemoCommand.Running demo = DemoCommandTest.demo(data, 0, 0, "--bind", "0.0.0.0").start(null)) {
            assertThat(reachable(outside, demo.center().port())).isTrue();
            assertThat(reachable(outside, demo.aws().port())).isTrue();
        }
    }

    @Test
    void theEmulatorByDefaultListensOnLoopbackOnlyAndBindAllOpensIt(@TempDir Path data) {
        AwsEmulatorCommand local = new AwsEmulatorCommand();
        new CommandLine(local).parseArgs("--port", "0", "--data", data.resolve("a").toString());
        assertThat(local.bind).isEqualTo("127.0.0.1");
        InetAddress outside = nonLoopbackAddress().orElse(null);
        assumeThat(outside).as("this machine has no non-loopback IPv4 address to try").isNotNull();
        try (AwsEmulator emulator = local.start()) {
            assertThat(reachable(InetAddress.getLoopbackAddress(), emulator.port())).isTrue();
            assertThat(reachable(outside, emulator.port())).isFalse();
        }
        AwsEmulatorCommand all = new AwsEmulatorCommand();
        new CommandLine(all).parseArgs("--port", "0", "--data", data.resolve("b").toString(), "--bind", "0.0.0.0");
        try (AwsEmulator emulator = all.start()) {
            assertThat(reachable(outside, emulator.port())).isTrue();
        }
    }

    @Test
    void serveByDefaultListensOnEveryInterface(@TempDir Path data) {
        Main.Serve serve = new Main.Serve();
        new CommandLine(serve).parseArgs("--port", "0", "--data", data.toString());
        assertThat(serve.options.config().bindAddress()).isNull();
        assertThat(Main.Serve.listening(serve.options.bind, 8080, "http://localhost:8080"))
                .startsWith("Gatehouse identity center listening on every interface");
        assertThat(Main.Serve.listening("127.0.0.1", 8080, "http://localhost:8080"))
                .startsWith("Gatehouse identity center listening on 127.0.0.1, port 8080");
        InetAddress outside = nonLoopbackAddress().orElse(null);
        assumeThat(outside).as("this machine has no non-loopback IPv4 address to try").isNotNull();
        try (IdentityCenter center = IdentityCenter.start(serve.options.config())) {
            assertThat(reachable(outside, center.port())).isTrue();
        }
    }
}
