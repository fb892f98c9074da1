package dev.gatehouse.awscli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What the client reads from its surroundings, injected so tests run it in-process with their own clock,
 * directories and streams.
 *
 * @param openBrowser whether {@code login} may try to open a browser
 */
public record CliEnv(Map<String, String> env, Path home, PrintStream out, PrintStream err, Clock clock, boolean openBrowser) {
    public static CliEnv system() {
        return new CliEnv(System.getenv(), Path.of(System.getProperty("user.home")), System.out, System.err,
                Clock.systemUTC(), true);
    }

    /** $XDG_CACHE_HOME/gatehouse, else ~/.cache/gatehouse. */
    Path cacheDir() {
        String xdg = env.get("XDG_CACHE_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".cache")).resolve("gatehouse");
    }

    /** $AWS_CONFIG_FILE, else ~/.aws/config, as the AWS CLI reads it. */
    Path awsConfig() {
        String file = env.get("AWS_CONFIG_FILE");
        return file != null && !file.isBlank() ? Path.of(file) : home.resolve(".aws").resolve("config");
    }
}
