package dev.gatehouse.signin.sources;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.keys.MasterKey;
import dev.gatehouse.storage.NodeCache;
import org.jdbi.v3.core.Jdbi;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The LDAP source's one row of settings. The bind password is sealed under the master key and never read back
 * out of this class except into {@link LdapIdentitySource.Settings}: saving without a password keeps the stored
 * one (the admin form's password field is write-only). Saving is audited, the password never. Thread-safe.
 */
public final class LdapSettingsStore {
    /** The settings with what surrounds them: whether the source is on and how often it syncs. */
    public record Stored(boolean enabled, int syncIntervalMinutes, LdapIdentitySource.Settings settings) {
    }

    private static final String AAD = "ldap_settings.bind_password";

    private final Jdbi jdbi;
    private final MasterKey masterKey;
    private final AuditLog audit;
    private final Clock clock;
    /** What every sign-in asks (LDAP on or off, and how), kept for the node cache's second; unset is cached too. */
    private final NodeCache<String, Optional<Stored>> recent;

    public LdapSettingsStore(Jdbi jdbi, MasterKey masterKey, AuditLog audit, Clock clock) {
        this.jdbi = jdbi;
        this.masterKey = masterKey;
        this.audit = audit;
        this.clock = clock;
        this.recent = new NodeCache<>(clock, 1);
    }

    /**
     * Stores {@code stored}; a {@code null} bind password in its settings keeps the one already stored.
     *
     * @throws IllegalArgumentException when the interval is out of range (5 minutes to a week)
     */
    public void save(String actor, Stored stored) {
        if (stored.syncIntervalMinutes() < 5 || stored.syncIntervalMinutes() > 7 * 24 * 60) {
            throw new IllegalArgumentException("The sync interval must be between 5 minutes and a week.");
        }
        LdapIdentitySource.Settings s = stored.settings();
        LdapIdentitySource.AttributeMap map = s.attributes();
        String attributeMap = String.join(",", "userName=" + map.userName(), "userPrincipalName=" + map.userPrincipalName(),
                "email=" + nz(map.email()), "givenName=" + nz(map.givenName()), "familyName=" + nz(map.familyName()),
                "displayName=" + nz(map.displayName()));
        jdbi.useTransaction(handle -> {
            // Saves queue on the sync lease's row, which always exists: two saves at once would otherwise both
            // delete the one settings row and then both insert it, and the second would fail on its primary key.
            handle.createQuery("SELECT id FROM ldap_sync_lease WHERE id = 1 FOR UPDATE").mapTo(Integer.class).findOne();
            String sealed = s.bindPassword() == null
                    ? handle.createQuery("SELECT bind_password_sealed FROM ldap_settings WHERE id = 1").mapTo(String.class).findOne().orElse(null)
                    : masterKey.encrypt(s.bindPassword().getBytes(StandardCharsets.UTF_8), AAD);
            handle.createUpdate("DELETE FROM ldap_settings WHERE id = 1").execute();
            handle.createUpdate("""
                            INSERT INTO ldap_settings (id, enabled, url, security, allow_plain, ca_certificates, bind_dn,
                                bind_password_sealed, user_base_dn, user_filter, group_base_dn, group_filter, attribute_map,
                                membership_attribute, sync_interval_minutes, updated_at)
                            VALUES (1, :enabled, :url, :security, :allowPlain, :ca, :bindDn, :sealed, :userBase, :userFilter,
                                :groupBase, :groupFilter, :attributeMap, :membership, :interval, :now)""")
                    .bind("enabled", stored.enabled()).bind("url", s.url()).bind("security", s.security().name())
                    .bind("allowPlain", s.allowPlain()).bind("ca", s.caCertificates()).bind("bindDn", s.bindDn())
                    .bind("sealed", sealed).bind("userBase", s.userBaseDn()).bind("userFilter", s.userFilter())
                    .bind("groupBase", s.groupBaseDn()).bind("groupFilter", s.groupFilter())
                    .bind("attributeMap", attributeMap).bind("membership", s.membershipAttribute())
                    .bind("interval", stored.syncIntervalMinutes()).bind("now", clock.instant())
                    .execute();
        });
        recent.invalidateAll();
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("enabled", stored.enabled());
        after.put("settings", s.toString());
        after.put("passwordChanged", s.bindPassword() != null);
        after.put("syncIntervalMinutes", stored.syncIntervalMinutes());
        audit.recordChange(actor, "LDAP_SETTINGS_SAVED", "ldap", null, after);
    }

    /**
     * {@link #load()} as a sign-in needs it: at most {@link NodeCache#DEFAULT_TTL} old, so a sign-in neither reads the
     * row nor unseals the password each time; a save on another node shows within that bound.
     */
    public Optional<Stored> loadRecent() {
        return recent.get("settings", key -> Optional.of(load())).orElseThrow();
    }

    /** The stored settings, the bind password unsealed; empty when none were saved. */
    public Optional<Stored> load() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT * FROM ldap_settings WHERE id = 1")
                .map((rs, ctx) -> {
                    String sealed = rs.getString("bind_password_sealed");
                    String password = sealed == null ? null : new String(masterKey.decrypt(sealed, AAD), StandardCharsets.UTF_8);
                    Map<String, String> map = new LinkedHashMap<>();
                    for (String pair : rs.getString("attribute_map").split(",")) {
                        int eq = pair.indexOf('=');
                        map.put(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                    LdapIdentitySource.AttributeMap attributes = new LdapIdentitySource.AttributeMap(map.get("userName"),
                            map.get("userPrincipalName"), blankToNull(map.get("email")), blankToNull(map.get("givenName")),
                            blankToNull(map.get("familyName")), blankToNull(map.get("displayName")));
                    return new Stored(rs.getBoolean("enabled"), rs.getInt("sync_interval_minutes"),
                            new LdapIdentitySource.Settings(rs.getString("url"),
                                    LdapIdentitySource.Security.valueOf(rs.getString("security")), rs.getBoolean("allow_plain"),
                                    rs.getString("ca_certificates"), rs.getString("bind_dn"), password,
                                    rs.getString("user_base_dn"), rs.getString("user_filter"), rs.getString("group_base_dn"),
                                    rs.getString("group_filter"), rs.getString("membership_attribute"), attributes));
                })
                .findOne());
    }

    /** Whether a bind password is stored (the form says so without showing it). */
    public boolean hasBindPassword() {
        return jdbi.withHandle(handle -> handle.createQuery("SELECT bind_password_sealed FROM ldap_settings WHERE id = 1")
                .mapTo(String.class).findOne()).isPresent();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
