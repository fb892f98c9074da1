package dev.gatehouse;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real interop peers from Debian packages (xmlsec1, python3 with the SAML libraries). A test that needs one
 * skips with a printed reason on a developer machine without it; on CI ({@code CI=true}) it fails instead.
 */
public final class Peers {
    private Peers() {
    }

    /** The peer's path, after making sure it is present. */
    public static String require(String path, String debianPackage) {
        if (!Files.isExecutable(Path.of(path))) {
            String reason = path + " is missing: install the Debian package " + debianPackage + " (.ci/run does)";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(reason);
            }
            System.out.println("SKIPPED: " + reason);
            Assumptions.assumeTrue(false, reason);
        }
        return path;
    }

    /** Debian's python3, after making sure it can import {@code module} (from {@code debianPackage}). */
    public static String requirePythonModule(String module, String debianPackage) {
        String python = require("/usr/bin/python3", debianPackage);
        Result probe = run(List.of(python, "-c", "import " + module), Map.of(), null);
        if (probe.exitCode() != 0) {
            String reason = "python module " + module + " is missing: install the Debian package " + debianPackage
                    + " (.ci/run does)";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(reason + "\n" + probe.output());
            }
            System.out.println("SKIPPED: " + reason);
            Assumptions.assumeTrue(false, reason);
        }
        return python;
    }

    /** A finished process: exit code and combined output. */
    public record Result(int exitCode, String output) {
    }

    public static Result run(List<String> command, Map<String, String> environment, String stdin) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().putAll(environment);
            Process p = pb.start();
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
