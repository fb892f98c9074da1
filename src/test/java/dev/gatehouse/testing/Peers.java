package dev.gatehouse.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.concurrent.TimeoutException;

/**
 * Real interop peers from Debian packages (xmlsec1, the AWS CLI v2, python3 with the SAML libraries, Chromium and
 * its driver, PostgreSQL), and the one rule for a missing one: {@link #require(boolean, String)} skips the test with
 * the reason printed on a developer machine, and fails it when {@code CI=true}, where every peer must be present.
 */
public final class Peers {
    public static final String PYTHON3 = "/usr/bin/python3"; // Debian's, with its python3-* modules; not a pyenv one
    public static final String XMLSEC1 = "/usr/bin/xmlsec1";
    public static final String AWS_CLI = "/usr/bin/aws";
    /** Overridable only to check that a missing browser skips, or fails under {@code CI=true}. */
    public static final String CHROMIUM = System.getProperty("gatehouse.chromium", "/usr/bin/chromium");
    public static final String CHROMEDRIVER = System.getProperty("gatehouse.chromedriver", "/usr/bin/chromedriver");
    private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(120);

    private Peers() {
    }

    /** Whether this run is CI's, where a missing peer is a failure rather than a skip. */
    public static boolean onCi() {
        return "true".equals(System.getenv("CI"));
    }

    /** Carries on when {@code present}; otherwise skips the test with {@code reason}, or fails it under CI. */
    public static void require(boolean present, String reason) {
        if (present) {
            return;
        }
        if (onCi()) {
            throw new AssertionError("CI=true, so a missing peer fails the test: " + reason);
        }
        System.out.println("SKIPPED: " + reason);
        Assumptions.abort(reason);
    }

    /** The executable {@code path}, after making sure it is present (from the Debian package {@code debianPackage}). */
    public static String executable(String path, String debianPackage) {
        require(Files.isExecutable(Path.of(path)), path + " is missing: install the Debian package " + debianPackage
                + " (.ci/run does)");
        return path;
    }

    public static String xmlsec1() {
        return executable(XMLSEC1, "xmlsec1");
    }

    public static String awsCli() {
        return executable(AWS_CLI, "awscli");
    }

    /**
     * The bridge script to the tests' npm tools ({@code tools/test-npm}: CloudFormation's resource specification and
     * an HCL parser), after making sure Node and the installed packages are there.
     */
    public static String npmToolScript() {
        executable("/usr/bin/node", "nodejs");
        Path tools = Path.of("tools/test-npm").toAbsolutePath();
        require(Files.isDirectory(tools.resolve("node_modules/@aws-cdk/cfnspec")) && Files.isDirectory(tools.resolve("node_modules/@cdktf/hcl2json")),
                "the tests' npm tools are missing: run npm install in tools/test-npm (.ci/run does)");
        return tools.resolve("check-bundle.js").toString();
    }

    public static String chromium() {
        return executable(CHROMIUM, "chromium");
    }

    public static String chromedriver() {
        return executable(CHROMEDRIVER, "chromium-driver");
    }

    /** Debian's python3, after making sure it can import {@code module} (from {@code debianPackage}). */
    public static String python3With(String module, String debianPackage) {
        String python = executable(PYTHON3, "python3");
        Result probe = run(List.of(python, "-c", "import " + module), Map.of(), null);
        require(probe.exitCode() == 0, "python module " + module + " is missing: install the Debian package "
                + debianPackage + " (.ci/run does)\n" + probe.output());
        return python;
    }

    /** A finished process whose output streams were kept apart (a JSON answer on stdout, warnings on stderr). */
    public record Output(int exitCode, String stdout, String stderr) {
    }

    /**
     * Runs {@code command} to its end with no input, its environment first adjusted by {@code environment} (e.g.
     * to remove a developer's own settings), and returns stdout and stderr apart; fails the test when it runs
     * longer than the same bound as {@link #run}.
     */
    public static Output runApart(List<String> command, Consumer<Map<String, String>> environment) {
        try {
            Path out = Files.createTempFile("peer-out", ".txt");
            Path err = Files.createTempFile("peer-err", ".txt");
            try {
                ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
                environment.accept(pb.environment());
                Process process = pb.start();
                try {
                    if (!process.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                        throw new AssertionError("still running after " + PROCESS_TIMEOUT.toSeconds() + " s: " + command);
                    }
                } finally {
                    process.destroyForcibly();
                }
                return new Output(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A finished process: exit code and combined output. */
    public record Result(int exitCode, String output) {
    }

    /**
     * Runs {@code command} to its end with {@code stdin} (or none) and returns its exit code and combined output;
     * fails the test when it runs longer than two minutes.
     */
    public static Result run(List<String> command, Map<String, String> environment, String stdin) {
        Process p;
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().putAll(environment);
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process process = p;
        // Read on another thread so that a process that never ends cannot hold the test past the timeout.
        CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> {
            try {
                return process.getInputStream().readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try {
            try (var in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("still running after " + PROCESS_TIMEOUT.toSeconds() + " s: " + command);
            }
            return new Result(process.exitValue(), new String(output.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("could not read the output of " + command, e);
        } finally {
            process.destroyForcibly();
        }
    }
}
