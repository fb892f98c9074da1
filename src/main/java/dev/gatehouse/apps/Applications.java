package dev.gatehouse.apps;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.ids.RandomIds;
import dev.gatehouse.keys.SigningKey;
import dev.gatehouse.keys.SigningKeyStore;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Creating, changing and removing application instances, their attribute mappings and signing keys, with every
 * field checked and every problem reported at once. A new instance gets its own entityID and signing key, as IAM
 * Identity Center gives each application its own certificate. Every change names who made it and is audited here,
 * with the state before and after, whoever asks (API, console, demo). Thread-safe.
 */
public final class Applications {
    static final int DEFAULT_SESSION_SECONDS = 3600;

    /** The outcome of a save: the instance, plus warnings that did not stop it (e.g. a display name in use). */
    public record Saved(App app, List<String> warnings) {
    }

    private final AppStore store;
    private final SigningKeyStore keys;
    private final AuditLog audit;
    private final Clock clock;
    private final RandomIds ids;
    private final String baseUrl;

    public Applications(AppStore store, SigningKeyStore keys, AuditLog audit, Clock clock, RandomIds ids, String baseUrl) {
        this.store = store;
        this.keys = keys;
        this.audit = audit;
        this.clock = clock;
        this.ids = ids;
        this.baseUrl = baseUrl;
    }

    public Saved create(String actor, AppInput in) {
        if (in.template() == null) {
            throw new InvalidAppException(List.of("template is required: external-aws-account, aws-account-catalog or custom-saml."));
        }
        AppTemplate template = AppTemplate.byId(in.template()).orElseThrow(() -> new InvalidAppException(
                List.of("Unknown template \"" + in.template() + "\": use external-aws-account, aws-account-catalog or custom-saml.")));
        String id = "app-" + ids.hex(8);
        Instant now = clock.instant();
        App app = new App(id, template, trim(in.displayName()), emptyToNull(in.description()),
                in.acsUrl() != null ? in.acsUrl().trim() : template.defaultAcsUrl(),
                in.audience() != null ? in.audience().trim() : template.defaultAudience(),
                emptyToNull(in.relayState()),
                in.sessionDurationSeconds() != null ? in.sessionDurationSeconds() : DEFAULT_SESSION_SECONDS,
                baseUrl + "/saml/assertion/" + id, now, now);
        check(app);
        List<String> warnings = duplicateNameWarning(app);
        SigningKeyStore.NewKey key = keys.newKey(id, app.displayName());
        store.insert(app, h -> keys.store(h, key));
        audit.recordChange(actor, "APP_CREATED", id, null, describe(app));
        return new Saved(app, warnings);
    }

    public Saved update(String actor, String id, AppInput in) {
        App old = find(id);
        if (in.template() != null && !in.template().equals(old.template().id())) {
            throw new InvalidAppException(List.of("The template of an instance cannot change; create a new instance."));
        }
        App changed = new App(id, old.template(),
                in.displayName() != null ? trim(in.displayName()) : old.displayName(),
                in.description() != null ? emptyToNull(in.description()) : old.description(),
                in.acsUrl() != null ? in.acsUrl().trim() : old.acsUrl(),
                in.audience() != null ? in.audience().trim() : old.audience(),
                in.relayState() != null ? emptyToNull(in.relayState()) : old.relayState(),
                in.sessionDurationSeconds() != null ? in.sessionDurationSeconds() : old.sessionDurationSeconds(),
                old.entityId(), old.createdAt(), old.updatedAt());
        check(changed);
        App saved = store.update(changed);
        audit.recordChange(actor, "APP_UPDATED", id, describe(old), describe(saved));
        return new Saved(saved, duplicateNameWarning(changed));
    }

    public App find(String id) {
        return store.find(id).orElseThrow(() -> new NoSuchElementException("No application with id " + id + "."));
    }

    /** Like {@link #find(String)}, from this node's short-lived cache: for the launch path. */
    public App findRecent(String id) {
        return store.findRecent(id).orElseThrow(() -> new NoSuchElementException("No application with id " + id + "."));
    }

    public List<App> list() {
        return store.list();
    }

    public void delete(String actor, String id) {
        App before = find(id);
        if (!store.delete(id)) {
            throw new NoSuchElementException("No application with id " + id + ".");
        }
        keys.evict(id);
        audit.recordChange(actor, "APP_DELETED", id, describe(before), null);
    }

    /**
     * Rotates the instance's signing key: a new ACTIVE key signs from now on, and the old one stays published as
     * PASSIVE so relying parties that have not fetched the new metadata yet keep accepting assertions.
     */
    public SigningKey rotateSigningKey(String actor, String id) {
        App app = find(id);
        String before = keys.activeKey(id).id();
        SigningKey fresh = keys.createActiveKey(id, app.displayName());
        audit.recordChange(actor, "SIGNING_KEY_ROTATED", id, Map.of("active", before),
                Map.of("active", fresh.id(), "passive", List.of(before)));
        return fresh;
    }

    /** The mappings of an instance already looked up, from this node's short-lived cache: for the launch path. */
    public List<AttributeMapping> mappings(App app) {
        return store.mappingsRecent(app.id());
    }

    public List<AttributeMapping> mappings(String appId) {
        find(appId);
        return store.mappings(appId);
    }

    /** Validates and saves a full set of mapping rows; nothing is saved when any row is wrong. */
    public void replaceMappings(String actor, String appId, List<AttributeMapping> rows) {
        App app = find(appId);
        List<String> problems = MappingRules.problems(app.template(), rows);
        if (!problems.isEmpty()) {
            throw new InvalidAppException(problems);
        }
        List<AttributeMapping> before = store.mappings(appId);
        store.replaceMappings(appId, rows);
        audit.recordChange(actor, "APP_MAPPINGS_UPDATED", appId, describe(before), describe(rows));
    }

    private List<String> duplicateNameWarning(App app) {
        int others = store.withDisplayName(app.displayName(), app.id()).size();
        return others == 0 ? List.of() : List.of("Another application is also named \"" + app.displayName()
                + "\". Choose a unique display name if you plan to have more than one of the same application.");
    }

    private static void check(App app) {
        List<String> problems = new ArrayList<>();
        if (app.displayName() == null || app.displayName().isEmpty() || app.displayName().length() > 128) {
            problems.add("displayName is required, 1 to 128 characters.");
        }
        if (app.description() != null && app.description().length() > 1024) {
            problems.add("description is limited to 1024 characters.");
        }
        if (!isHttpUrl(app.acsUrl())) {
            problems.add("acsUrl must be an absolute http or https URL (the service provider's Assertion Consumer Service).");
        }
        if (app.audience() == null || app.audience().isEmpty() || app.audience().length() > 1024) {
            problems.add("audience (the service provider's SAML entity ID) is required, up to 1024 characters.");
        }
        if (app.relayState() != null && app.relayState().length() > 240) {
            problems.add("relayState is limited to 240 characters.");
        }
        if (!AwsSamlRules.validSessionDuration(app.sessionDurationSeconds())) {
            problems.add("sessionDurationSeconds must be from " + AwsSamlRules.MIN_SESSION_SECONDS + " (15 minutes) to "
                    + AwsSamlRules.MAX_SESSION_SECONDS + " (12 hours).");
        }
        if (!problems.isEmpty()) {
            throw new InvalidAppException(problems);
        }
    }

    private static boolean isHttpUrl(String s) {
        if (s == null || s.isEmpty() || s.length() > 1024) {
            return false;
        }
        try {
            URI uri = new URI(s);
            return uri.isAbsolute() && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** An instance's settings as the audit log shows them before and after a change. */
    private static Map<String, Object> describe(App a) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("template", a.template().id());
        state.put("displayName", a.displayName());
        state.put("description", a.description());
        state.put("acsUrl", a.acsUrl());
        state.put("audience", a.audience());
        state.put("relayState", a.relayState());
        state.put("sessionDurationSeconds", a.sessionDurationSeconds());
        return state;
    }

    private static List<Map<String, String>> describe(List<AttributeMapping> rows) {
        return rows.stream().map(r -> Map.of("attribute", r.attribute(), "value", r.value(), "format", r.format())).toList();
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    private static String emptyToNull(String s) {
        return s == null || s.trim().isEmpty() ? null : s.trim();
    }
}
