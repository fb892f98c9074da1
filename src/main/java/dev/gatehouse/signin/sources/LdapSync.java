package dev.gatehouse.signin.sources;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.directory.Directory;
import dev.gatehouse.directory.DirectoryException;
import dev.gatehouse.directory.User;
import dev.gatehouse.directory.UserDraft;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Brings the LDAP source's users and groups into the directory, marked {@code ldap} with their DN: creates the
 * new, updates the changed, deactivates users who left (never deletes them: their audit history stays) and
 * empties groups that left. Nested groups are flattened: a group's members are every user whose membership
 * chain ({@code member} on groups, or {@code memberOf} on users and groups) reaches it, so assignments to an LDAP
 * group work for users of its subgroups. Names taken by Gatehouse's own users or groups are skipped and counted.
 * Each run is audited ({@code LDAP_SYNC}), each change too. A run either reads the whole directory or changes
 * nothing.
 */
public final class LdapSync {
    /** What a run did, for the admin page and the audit log. */
    public record Summary(int usersCreated, int usersUpdated, int usersDeactivated, int groupsCreated,
                          int groupsUpdated, List<String> skipped) {
        @Override
        public String toString() {
            return usersCreated + " users created, " + usersUpdated + " updated, " + usersDeactivated + " deactivated; "
                    + groupsCreated + " groups created, " + groupsUpdated + " updated; " + skipped.size() + " skipped";
        }
    }

    private final LdapIdentitySource source;
    private final Directory directory;
    private final AuditLog audit;

    public LdapSync(LdapIdentitySource source, Directory directory, AuditLog audit) {
        this.source = source;
        this.directory = directory;
        this.audit = audit;
    }

    /** One run, by {@code actor}; the directory unreachable or the bind refused throws with an admin's message. */
    public synchronized Summary run(String actor) throws LdapIdentitySource.LdapFailure {
        LdapIdentitySource.Settings settings = source.settings();
        List<SearchResultEntry> userEntries;
        List<SearchResultEntry> groupEntries;
        try (LDAPConnection connection = source.connector().serviceConnection()) {
            LdapIdentitySource.AttributeMap map = settings.attributes();
            userEntries = connection.search(new SearchRequest(settings.userBaseDn(), SearchScope.SUB,
                    Filter.create(settings.userFilter()), map.userName(), map.email(), map.givenName(), map.familyName(),
                    map.displayName(), settings.membershipAttribute())).getSearchEntries();
            groupEntries = connection.search(new SearchRequest(settings.groupBaseDn(), SearchScope.SUB,
                    Filter.create(settings.groupFilter()), "cn", settings.membershipAttribute())).getSearchEntries();
        } catch (LDAPException e) {
            audit.record(actor, "LDAP_SYNC_FAILED", null, source.connector().adminMessage(e));
            throw new LdapIdentitySource.LdapFailure(source.connector().adminMessage(e), e);
        }
        Counts counts = new Counts();
        Map<String, String> userIds = syncUsers(actor, userEntries, counts);
        syncGroups(actor, userEntries, groupEntries, userIds, counts);
        Summary summary = new Summary(counts.usersCreated, counts.usersUpdated, counts.usersDeactivated,
                counts.groupsCreated, counts.groupsUpdated, List.copyOf(counts.skipped));
        audit.record(actor, "LDAP_SYNC", null, summary.toString());
        return summary;
    }

    private static final class Counts {
        int usersCreated;
        int usersUpdated;
        int usersDeactivated;
        int groupsCreated;
        int groupsUpdated;
        final List<String> skipped = new ArrayList<>();
    }

    /** Users by normalized DN → directory id, for the ones now in LDAP. */
    private Map<String, String> syncUsers(String actor, List<SearchResultEntry> entries, Counts counts) {
        LdapIdentitySource.AttributeMap map = source.settings().attributes();
        Map<String, String> known = normalizedKeys(directory.users().idsByExternalId(LdapIdentitySource.SOURCE));
        Map<String, String> present = new HashMap<>();
        for (SearchResultEntry entry : entries) {
            String dn = normalize(entry.getDN());
            String name = entry.getAttributeValue(map.userName());
            if (name == null || name.isBlank()) {
                counts.skipped.add(entry.getDN() + ": no " + map.userName());
                continue;
            }
            UserDraft draft = new UserDraft(name, value(entry, map.email()), value(entry, map.givenName()),
                    value(entry, map.familyName()), value(entry, map.displayName()), true, false);
            try {
                String id = known.get(dn);
                if (id == null) {
                    Optional<User> sameName = directory.users().findByUserName(name);
                    if (sameName.isPresent()) {
                        counts.skipped.add(entry.getDN() + ": the name " + name + " belongs to another user");
                        continue;
                    }
                    id = directory.createSourcedUser(actor, draft, LdapIdentitySource.SOURCE, entry.getDN()).id();
                    counts.usersCreated++;
                } else {
                    User current = directory.users().find(id).orElseThrow();
                    if (!current.draft().equals(draft)) {
                        directory.updateSourcedUser(actor, id, draft);
                        counts.usersUpdated++;
                    }
                }
                present.put(dn, id);
            } catch (DirectoryException e) {
                counts.skipped.add(entry.getDN() + ": " + String.join("; ", e.messages()));
            }
        }
        for (Map.Entry<String, String> gone : known.entrySet()) {
            if (!present.containsKey(gone.getKey())) {
                User user = directory.users().find(gone.getValue()).orElseThrow();
                if (user.active()) {
                    directory.updateSourcedUser(actor, user.id(), user.draft().withActive(false));
                    counts.usersDeactivated++;
                }
            }
        }
        return present;
    }

    private void syncGroups(String actor, List<SearchResultEntry> userEntries, List<SearchResultEntry> groupEntries,
                            Map<String, String> userIds, Counts counts) {
        Map<String, Set<String>> parents = parents(userEntries, groupEntries);
        Map<String, Set<String>> members = new HashMap<>();
        for (Map.Entry<String, String> user : userIds.entrySet()) {
            for (String group : reachable(user.getKey(), parents)) {
                members.computeIfAbsent(group, g -> new HashSet<>()).add(user.getValue());
            }
        }
        Map<String, String> known = normalizedKeys(directory.groups().idsByExternalId(LdapIdentitySource.SOURCE));
        Set<String> present = new HashSet<>();
        for (SearchResultEntry entry : groupEntries) {
            String dn = normalize(entry.getDN());
            String name = entry.getAttributeValue("cn");
            Set<String> memberIds = members.getOrDefault(dn, Set.of());
            try {
                String id = known.get(dn);
                if (id == null) {
                    directory.createSourcedGroup(actor, name, memberIds, LdapIdentitySource.SOURCE, entry.getDN());
                    counts.groupsCreated++;
                } else {
                    int before = directory.groups().find(id).orElseThrow().version();
                    if (directory.updateSourcedGroup(actor, id, name, memberIds).version() != before) {
                        counts.groupsUpdated++;
                    }
                }
                present.add(dn);
            } catch (DirectoryException e) {
                counts.skipped.add(entry.getDN() + ": " + String.join("; ", e.messages()));
            }
        }
        for (Map.Entry<String, String> gone : known.entrySet()) {
            if (!present.contains(gone.getKey())) {
                directory.groups().find(gone.getValue()).ifPresent(group ->
                        directory.updateSourcedGroup(actor, group.id(), group.displayName(), Set.of()));
            }
        }
    }

    /**
     * Each entry's groups one step up: from {@code member} on group entries (member → group), or from
     * {@code memberOf} on user and group entries (entry → group), whichever attribute the settings name.
     */
    private Map<String, Set<String>> parents(List<SearchResultEntry> userEntries, List<SearchResultEntry> groupEntries) {
        String attribute = source.settings().membershipAttribute();
        Map<String, Set<String>> parents = new HashMap<>();
        List<SearchResultEntry> all = new ArrayList<>(userEntries);
        all.addAll(groupEntries);
        for (SearchResultEntry entry : all) {
            String[] values = entry.getAttributeValues(attribute);
            if (values == null) {
                continue;
            }
            boolean onGroup = groupEntries.contains(entry) && !attribute.equalsIgnoreCase("memberOf");
            for (String value : values) {
                String other = normalize(value);
                if (onGroup) {
                    parents.computeIfAbsent(other, k -> new HashSet<>()).add(normalize(entry.getDN()));
                } else if (attribute.equalsIgnoreCase("memberOf")) {
                    parents.computeIfAbsent(normalize(entry.getDN()), k -> new HashSet<>()).add(other);
                }
            }
        }
        return parents;
    }

    /** Every group reachable from {@code dn} up the membership chains; cycles end where they close. */
    private static Set<String> reachable(String dn, Map<String, Set<String>> parents) {
        Set<String> found = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(parents.getOrDefault(dn, Set.of()));
        while (!todo.isEmpty()) {
            String group = todo.pop();
            if (found.add(group)) {
                todo.addAll(parents.getOrDefault(group, Set.of()));
            }
        }
        return found;
    }

    private static Map<String, String> normalizedKeys(Map<String, String> byExternalId) {
        Map<String, String> normalized = new HashMap<>();
        byExternalId.forEach((dn, id) -> normalized.put(normalize(dn), id));
        return normalized;
    }

    private static String normalize(String dn) {
        try {
            return new DN(dn).toNormalizedString();
        } catch (LDAPException e) {
            // A value that is not a DN names no entry of ours; lower-cased, it still matches itself.
            return dn.toLowerCase(Locale.ROOT);
        }
    }

    private static String value(SearchResultEntry entry, String attribute) {
        return attribute == null || attribute.isBlank() ? null : entry.getAttributeValue(attribute);
    }
}
