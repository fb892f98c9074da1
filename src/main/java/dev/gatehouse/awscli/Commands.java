package dev.gatehouse.awscli;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The commands. The cached path of {@code credentials} touches only {@link Cache}: no HTTP, no JSON library. */
final class Commands {
    /** Cached credentials are used until this long before they expire. */
    static final long CREDENTIALS_MARGIN_MILLIS = 5 * 60 * 1000L;
    /** An access token is refreshed this long before its expiry, for clock skew and the request's own time. */
    static final Duration TOKEN_MARGIN = Duration.ofSeconds(30);

    private final CliEnv env;
    private final Cache cache;

    Commands(CliEnv env) {
        this.env = env;
        this.cache = new Cache(env.cacheDir());
    }

    int credentials(String appId, String accountId, String roleName) {
        String file = Cache.credentialsFile(appId, accountId, roleName);
        Properties cached = cache.read(file);
        // Compared as epoch milliseconds: parsing the ISO instant would initialise java.time's formatters.
        String expiresAt = cached.getProperty("ExpiresAtMillis");
        if (expiresAt != null && cached.getProperty("Expiration") != null
                && Long.parseLong(expiresAt) > env.clock().millis() + CREDENTIALS_MARGIN_MILLIS) {
            print(cached);
            return 0;
        }
        Session session = session();
        PortalClient.Answer a = withToken(session, token -> session.client().assertion(token, appId, accountId, roleName));
        if (a.status() == 403) {
            throw new CliFailure(6, a.text("error") != null ? a.text("error") : "Not entitled to that role.");
        }
        if (a.status() != 200) {
            throw new CliFailure(6, "Gatehouse answered HTTP " + a.status() + ": " + a.text("error"));
        }
        StsCall.Credentials c = StsCall.assumeRoleWithSaml(a.text("stsEndpoint"), a.text("roleArn"), a.text("providerArn"),
                a.text("samlResponse"), a.body().get("sessionDurationSeconds").asInt(3600));
        Properties p = new Properties();
        p.setProperty("AccessKeyId", c.accessKeyId());
        p.setProperty("SecretAccessKey", c.secretAccessKey());
        p.setProperty("SessionToken", c.sessionToken());
        p.setProperty("Expiration", c.expiration().toString());
        p.setProperty("ExpiresAtMillis", Long.toString(c.expiration().toEpochMilli()));
        cache.write(file, p);
        print(p);
        return 0;
    }

    private void print(Properties p) {
        // credential_process's format (AWS CLI "Sourcing credentials with an external process"); values are
        // base64 and ISO instants. A StringBuilder, not +: string concatenation bootstraps method handles.
        StringBuilder b = new StringBuilder(2048).append("{\"Version\": 1, \"AccessKeyId\": \"");
        json(b, p.getProperty("AccessKeyId")).append("\", \"SecretAccessKey\": \"");
        json(b, p.getProperty("SecretAccessKey"));
        if (p.getProperty("SessionToken") != null) {
            json(b.append("\", \"SessionToken\": \""), p.getProperty("SessionToken"));
        }
        json(b.append("\", \"Expiration\": \""), p.getProperty("Expiration")).append("\"}");
        env.out().println(b);
    }

    private static StringBuilder json(StringBuilder b, String s) {
        if (s != null) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"' || c == '\\') {
                    b.append('\\');
                }
                b.append(c);
            }
        }
        return b;
    }

    int login(String portal, boolean browser) throws CliFailure {
        PortalClient client = new PortalClient(portal);
        PortalClient.Answer start = client.deviceAuthorization();
        if (start.status() != 200) {
            throw new CliFailure(4, "Gatehouse at " + client.portal() + " refused to start a sign-in: " + start.text("error_description"));
        }
        String complete = start.text("verification_uri_complete");
        env.err().println("To sign in, open " + start.text("verification_uri") + " and enter the code " + start.text("user_code"));
        env.err().println("or open " + complete);
        env.err().flush();
        if (browser && env.openBrowser()) {
            Browser.open(complete);
        }
        long interval = start.body().get("interval").asLong(5);
        Instant deadline = env.clock().instant().plusSeconds(start.body().get("expires_in").asLong(600));
        while (env.clock().instant().isBefore(deadline)) {
            sleep(interval);
            PortalClient.Answer poll = client.pollToken(start.text("device_code"));
            if (poll.status() == 200) {
                saveTokens(client.portal(), poll);
                env.err().println("Signed in to " + client.portal() + ". Next: gatehouse aws configure");
                return 0;
            }
            switch (String.valueOf(poll.error())) {
                case "authorization_pending" -> { }
                case "slow_down" -> interval += 5;
                case "access_denied" -> throw new CliFailure(3, "The sign-in was denied in the browser.");
                case "expired_token" -> throw new CliFailure(3, "The code expired before it was approved. Run gatehouse aws login again.");
                default -> throw new CliFailure(3, "Sign-in failed: " + poll.error() + ": " + poll.text("error_description"));
            }
        }
        throw new CliFailure(3, "The code expired before it was approved. Run gatehouse aws login again.");
    }

    int roles() {
        Session session = session();
        PortalClient.Answer a = withToken(session, token -> session.client().roles(token));
        env.out().printf("%-30s %-14s %-28s %s%n", "PROFILE", "ACCOUNT", "ROLE", "APP");
        for (JsonNode r : a.body().path("roles")) {
            env.out().printf("%-30s %-14s %-28s %s%n", r.path("profile").asText(), r.path("accountId").asText(),
                    r.path("roleName").asText(), r.path("appId").asText());
        }
        return 0;
    }

    int configure(String command, String region) {
        Session session = session();
        PortalClient.Answer a = withToken(session, token -> session.client().roles(token));
        String launcher = command != null ? command : launcher();
        Map<String, List<String>> profiles = new LinkedHashMap<>();
        for (JsonNode r : a.body().path("roles")) {
            List<String> lines = new ArrayList<>();
            lines.add("credential_process = " + launcher + " aws credentials --account " + r.path("accountId").asText()
                    + " --role " + r.path("roleName").asText() + " --app " + r.path("appId").asText());
            if (region != null) {
                lines.add("region = " + region);
            }
            profiles.put(r.path("profile").asText(), lines);
        }
        AwsConfigFile.upsert(env.awsConfig(), profiles);
        for (String name : profiles.keySet()) {
            env.out().println("profile " + name);
        }
        env.err().println(profiles.size() + " profile(s) written to " + env.awsConfig() + ". Try: aws sts get-caller-identity --profile "
                + (profiles.isEmpty() ? "NAME" : profiles.keySet().iterator().next()));
        return 0;
    }

    int logout() {
        Properties s = cache.read(Cache.SESSION);
        if (s.getProperty("portal") != null && s.getProperty("refresh_token") != null) {
            try {
                new PortalClient(s.getProperty("portal")).revoke(s.getProperty("refresh_token"));
            } catch (CliFailure e) {
                env.err().println("gatehouse: could not reach Gatehouse to revoke the sign-in (" + e.getMessage() + "); the local cache is cleared anyway.");
            }
        }
        cache.clear();
        env.err().println("Signed out; cached tokens and credentials removed.");
        return 0;
    }

    /** How configure names this program in credential_process: the launcher script when it set one. */
    private String launcher() {
        String l = env.env().get("GATEHOUSE_LAUNCHER");
        if (l == null || l.isBlank()) {
            return "gatehouse";
        }
        return l.contains(" ") ? "\"" + l + "\"" : l;
    }

    private record Session(PortalClient client, Properties props) {
    }

    private Session session() {
        Properties s = cache.read(Cache.SESSION);
        if (s.getProperty("portal") == null || s.getProperty("refresh_token") == null) {
            throw new CliFailure(3, "Not signed in. Run: gatehouse aws login --portal https://YOUR-GATEHOUSE");
        }
        return new Session(new PortalClient(s.getProperty("portal")), s);
    }

    private interface Call {
        PortalClient.Answer with(String accessToken);
    }

    /** Calls with a live access token, refreshing it first when due, and once more if the server says 401. */
    private PortalClient.Answer withToken(Session session, Call call) {
        String token = session.props().getProperty("access_token");
        String expires = session.props().getProperty("access_expires_at");
        boolean due = token == null || expires == null || !Instant.parse(expires).isAfter(env.clock().instant().plus(TOKEN_MARGIN));
        if (!due) {
            PortalClient.Answer a = call.with(token);
            if (a.status() != 401) {
                return a;
            }
        }
        PortalClient.Answer refreshed = session.client().refresh(session.props().getProperty("refresh_token"));
        if (refreshed.status() != 200) {
            cache.clear();
            throw CliFailure.signInAgain("Your Gatehouse sign-in has ended (" + refreshed.text("error_description") + ").");
        }
        saveTokens(session.client().portal(), refreshed);
        PortalClient.Answer a = call.with(refreshed.text("access_token"));
        if (a.status() == 401) {
            cache.clear();
            throw CliFailure.signInAgain("Gatehouse no longer accepts this sign-in (the account may be deactivated).");
        }
        return a;
    }

    private void saveTokens(String portal, PortalClient.Answer tokens) {
        Properties p = new Properties();
        p.setProperty("portal", portal);
        p.setProperty("access_token", tokens.text("access_token"));
        p.setProperty("refresh_token", tokens.text("refresh_token"));
        p.setProperty("access_expires_at", env.clock().instant().plusSeconds(tokens.body().path("expires_in").asLong(600)).toString());
        cache.write(Cache.SESSION, p);
    }

    private static void sleep(long seconds) {
        try {
            Thread.sleep(seconds * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(3, "Interrupted.");
        }
    }
}
