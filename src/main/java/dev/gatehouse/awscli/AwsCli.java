package dev.gatehouse.awscli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code gatehouse aws login|credentials|configure|logout|roles}. Arguments are read by hand rather than by picocli:
 * the AWS CLI starts {@code credentials} on every command, and every class it loads costs start-up time.
 */
public final class AwsCli {
    static final String USAGE = """
            Usage: gatehouse aws COMMAND [OPTIONS]
              login --portal URL [--no-browser]   sign in through your browser (every factor included)
              roles                               list the AWS roles you may use
              configure [--command CMD] [--region REGION]
                                                  write one ~/.aws/config profile per role (ACCOUNTNAME-ROLENAME)
              credentials --account ID --role NAME [--app ID]
                                                  print credential_process JSON (for the AWS CLI and SDKs)
              logout                              sign out here and at Gatehouse, and clear the cache
            """;
    private static final Map<String, Set<String>> FLAGS = Map.of(
            "login", Set.of("--portal", "--no-browser"),
            "roles", Set.of(),
            "configure", Set.of("--command", "--region"),
            "credentials", Set.of("--account", "--role", "--app"),
            "logout", Set.of());

    private AwsCli() {
    }

    /** {@code java -cp gatehouse.jar dev.gatehouse.awscli.AwsCli COMMAND ...}: what {@code ./gatehouse aws} runs. */
    public static void main(String[] args) {
        int code = run(args, CliEnv.system());
        System.out.flush();
        System.exit(code);
    }

    /** Runs one command; returns the exit code. */
    public static int run(String[] args, CliEnv env) {
        if (args.length == 0 || !FLAGS.containsKey(args[0])) {
            (args.length == 0 || args[0].equals("--help") || args[0].equals("help") ? env.out() : env.err()).print(USAGE);
            return args.length == 0 || args[0].equals("--help") || args[0].equals("help") ? 0 : 2;
        }
        try {
            Map<String, String> options = options(args, FLAGS.get(args[0]));
            Commands commands = new Commands(env);
            return switch (args[0]) {
                case "login" -> commands.login(require(options, "--portal"), !options.containsKey("--no-browser"));
                case "roles" -> commands.roles();
                case "configure" -> commands.configure(options.get("--command"), options.get("--region"));
                case "credentials" -> commands.credentials(options.get("--app"), require(options, "--account"), require(options, "--role"));
                default -> commands.logout();
            };
        } catch (CliFailure e) {
            env.err().println("gatehouse: " + e.getMessage());
            return e.exitCode;
        } catch (RuntimeException e) {
            env.err().println("gatehouse: " + e.getMessage());
            return 1;
        }
    }

    private static Map<String, String> options(String[] args, Set<String> allowed) {
        Map<String, String> options = new HashMap<>();
        List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
        for (int i = 0; i < rest.size(); i++) {
            String a = rest.get(i);
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (!allowed.contains(name)) {
                throw new CliFailure(2, "unknown option " + a + " for " + args[0] + "\n" + USAGE);
            }
            if (name.equals("--no-browser")) {
                options.put(name, "");
            } else if (a.contains("=")) {
                options.put(name, a.substring(a.indexOf('=') + 1));
            } else if (i + 1 < rest.size()) {
                options.put(name, rest.get(++i));
            } else {
                throw new CliFailure(2, a + " needs a value");
            }
        }
        return options;
    }

    private static String require(Map<String, String> options, String name) {
        String v = options.get(name);
        if (v == null || v.isBlank()) {
            throw new CliFailure(2, name + " is required\n" + USAGE);
        }
        return v;
    }
}
