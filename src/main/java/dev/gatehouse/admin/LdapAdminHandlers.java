package dev.gatehouse.admin;

import dev.gatehouse.signin.sources.ConfiguredLdap;
import dev.gatehouse.signin.sources.LdapIdentitySource;
import dev.gatehouse.signin.sources.LdapSettingsStore;
import dev.gatehouse.signin.sources.LdapSync;
import dev.gatehouse.web.ProductChrome;
import dev.gatehouse.web.Views;
import dev.gatehouse.web.WebSecurity;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /admin/ldap}: the LDAP / Active Directory source's settings (the bind password write-only), "Test
 * connection" and "Sync now". Bad values, an unreachable directory or a refused bind answer the page with a
 * clear message (400 for the form, 502 for the directory), never a 500.
 */
public final class LdapAdminHandlers {
    private static final String[] FIELDS = {"url", "security", "caCertificates", "bindDn", "userBaseDn", "userFilter",
            "groupBaseDn", "groupFilter", "membershipAttribute", "userNameAttribute", "userPrincipalNameAttribute",
            "emailAttribute", "givenNameAttribute", "familyNameAttribute", "displayNameAttribute", "syncIntervalMinutes"};

    private final Views views;
    private final WebSecurity security;
    private final ProductChrome chrome;
    private final ConfiguredLdap ldap;

    public LdapAdminHandlers(Views views, WebSecurity security, ProductChrome chrome, ConfiguredLdap ldap) {
        this.views = views;
        this.security = security;
        this.chrome = chrome;
        this.ldap = ldap;
    }

    /** GET /admin/ldap. */
    public void page(Context ctx) {
        show(ctx, 200, stored(), null, null);
    }

    /** POST /admin/ldap: saves the settings; an empty password keeps the stored one. */
    public void save(Context ctx) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : FIELDS) {
            values.put(field, trim(ctx.formParam(field)));
        }
        boolean enabled = "true".equals(ctx.formParam("enabled"));
        boolean allowPlain = "true".equals(ctx.formParam("allowPlain"));
        String password = trim(ctx.formParam("bindPassword"));
        LdapSettingsStore.Stored stored;
        try {
            stored = parse(values, enabled, allowPlain, password.isEmpty() ? null : password);
            if (password.isEmpty() && !ldap.settings().hasBindPassword()) {
                throw new IllegalArgumentException("Give the bind password.");
            }
            ldap.settings().save(WebSecurity.actor(ctx), stored);
        } catch (IllegalArgumentException e) {
            show(ctx, 400, new Form(values, enabled, allowPlain), "Nothing was saved: " + e.getMessage(), null);
            return;
        }
        show(ctx, 200, stored(), null, "Saved.");
    }

    /** POST /admin/ldap/test: connects and binds with the saved settings. */
    public void test(Context ctx) {
        if (notConfigured(ctx)) {
            return;
        }
        try {
            show(ctx, 200, stored(), null, ldap.testConnection());
        } catch (LdapIdentitySource.LdapFailure e) {
            show(ctx, 502, stored(), e.getMessage(), null);
        }
    }

    /** POST /admin/ldap/sync: syncs now and shows what changed. */
    public void sync(Context ctx) {
        if (notConfigured(ctx)) {
            return;
        }
        try {
            LdapSync.Summary summary = ldap.syncNow(WebSecurity.actor(ctx));
            String skipped = summary.skipped().isEmpty() ? "" : " Skipped: " + String.join("; ", summary.skipped());
            show(ctx, 200, stored(), null, "Synced: " + summary + "." + skipped);
        } catch (LdapIdentitySource.LdapFailure e) {
            show(ctx, 502, stored(), e.getMessage(), null);
        }
    }

    /** Nothing to test or sync yet: a 409 with the page, before any directory is asked. */
    private boolean notConfigured(Context ctx) {
        if (ldap.settings().load().isPresent()) {
            return false;
        }
        show(ctx, 409, stored(), "No LDAP settings are saved yet: fill in the form and save first.", null);
        return true;
    }

    private record Form(Map<String, String> values, boolean enabled, boolean allowPlain) {
    }

    private static LdapSettingsStore.Stored parse(Map<String, String> v, boolean enabled, boolean allowPlain, String password) {
        for (Map.Entry<String, String> e : v.entrySet()) {
            if (e.getValue().length() > 1000) {
                throw new IllegalArgumentException(e.getKey() + " is longer than 1000 characters.");
            }
        }
        if (password != null && password.length() > 1000) {
            throw new IllegalArgumentException("The bind password is longer than 1000 characters.");
        }
        LdapIdentitySource.Security security;
        try {
            security = LdapIdentitySource.Security.valueOf(v.get("security").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Choose LDAPS, StartTLS or plain LDAP.", e);
        }
        int interval;
        try {
            interval = Integer.parseInt(v.get("syncIntervalMinutes"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The sync interval must be a number of minutes.", e);
        }
        for (String required : new String[] {"bindDn", "userBaseDn", "groupBaseDn"}) {
            if (v.get(required).isEmpty()) {
                throw new IllegalArgumentException("Fill in " + required + ".");
            }
        }
        LdapIdentitySource.AttributeMap map = new LdapIdentitySource.AttributeMap(v.get("userNameAttribute"),
                v.get("userPrincipalNameAttribute"), emptyToNull(v.get("emailAttribute")), emptyToNull(v.get("givenNameAttribute")),
                emptyToNull(v.get("familyNameAttribute")), emptyToNull(v.get("displayNameAttribute")));
        return new LdapSettingsStore.Stored(enabled, interval, new LdapIdentitySource.Settings(v.get("url"), security,
                allowPlain, emptyToNull(v.get("caCertificates")), v.get("bindDn"), password, v.get("userBaseDn"),
                v.get("userFilter"), v.get("groupBaseDn"), v.get("groupFilter"), v.get("membershipAttribute"), map));
    }

    private Form stored() {
        return ldap.settings().load().map(s -> {
            LdapIdentitySource.Settings settings = s.settings();
            LdapIdentitySource.AttributeMap map = settings.attributes();
            Map<String, String> values = new LinkedHashMap<>();
            values.put("url", settings.url());
            values.put("security", settings.security().name());
            values.put("caCertificates", nz(settings.caCertificates()));
            values.put("bindDn", settings.bindDn());
            values.put("userBaseDn", settings.userBaseDn());
            values.put("userFilter", settings.userFilter());
            values.put("groupBaseDn", settings.groupBaseDn());
            values.put("groupFilter", settings.groupFilter());
            values.put("membershipAttribute", settings.membershipAttribute());
            attributes(values, map);
            values.put("syncIntervalMinutes", Integer.toString(s.syncIntervalMinutes()));
            return new Form(values, s.enabled(), settings.allowPlain());
        }).orElseGet(LdapAdminHandlers::activeDirectoryDefaults);
    }

    private static Form activeDirectoryDefaults() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("url", "ldaps://dc1.example.com:636");
        values.put("security", "LDAPS");
        values.put("userFilter", "(&(objectClass=user)(objectCategory=person))");
        values.put("groupFilter", "(objectClass=group)");
        values.put("membershipAttribute", "member");
        attributes(values, LdapIdentitySource.AttributeMap.activeDirectory());
        values.put("syncIntervalMinutes", "60");
        return new Form(values, false, false);
    }

    private static void attributes(Map<String, String> values, LdapIdentitySource.AttributeMap map) {
        values.put("userNameAttribute", map.userName());
        values.put("userPrincipalNameAttribute", map.userPrincipalName());
        values.put("emailAttribute", nz(map.email()));
        values.put("givenNameAttribute", nz(map.givenName()));
        values.put("familyNameAttribute", nz(map.familyName()));
        values.put("displayNameAttribute", nz(map.displayName()));
    }

    private void show(Context ctx, int status, Form form, String error, String notice) {
        views.html(ctx, status, "admin/ldap.jte", new LdapSettingsPage(chrome.of(ctx), security.csrfToken(ctx),
                form.values(), form.enabled(), form.allowPlain(), ldap.settings().hasBindPassword(), error, notice));
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
