package dev.gatehouse.signin.sources;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import dev.gatehouse.directory.Directory;
import dev.gatehouse.directory.DirectoryException;
import dev.gatehouse.directory.User;
import dev.gatehouse.directory.UserDraft;

import java.util.Optional;

/**
 * LDAP or Active Directory as an identity source: the password is checked by binding as the user, found under the
 * user base DN by {@code sAMAccountName} or {@code userPrincipalName} (names from the attribute map) with the
 * service account. A user it signs in for the first time is created in the directory, marked {@code ldap} with
 * its DN, without a password of its own. Names of Gatehouse's own users are left to the built-in directory, so a
 * directory entry cannot take over a local administrator. Every failure is a {@link Refused} with a reason for
 * the audit log ({@code wrong-password}, {@code ldap-unreachable: ...}), never an exception. Only LDAPS or
 * StartTLS, with the server's name checked against its certificate; plain LDAP only when explicitly allowed.
 * Thread-safe: one connection per check.
 */
public final class LdapIdentitySource implements IdentitySource {
    /** The {@code source} mark of users and groups this source brought into the directory. */
    public static final String SOURCE = "ldap";

    /** How the connection is protected. */
    public enum Security { LDAPS, STARTTLS, PLAIN }

    /** Which LDAP attributes give the directory's fields. */
    public record AttributeMap(String userName, String userPrincipalName, String email, String givenName,
                               String familyName, String displayName) {
        /** Active Directory's names. */
        public static AttributeMap activeDirectory() {
            return new AttributeMap("sAMAccountName", "userPrincipalName", "mail", "givenName", "sn", "displayName");
        }
    }

    /**
     * Where the directory is and how to read it. {@code caCertificates} is a PEM file of the CAs (or the
     * self-signed certificate) the server's certificate must chain to; {@code null} trusts the JVM's CAs.
     */
    public record Settings(String url, Security security, boolean allowPlain, String caCertificates, String bindDn,
                           String bindPassword, String userBaseDn, String userFilter, String groupBaseDn,
                           String groupFilter, String membershipAttribute, AttributeMap attributes) {
        public Settings {
            LDAPURL parsed;
            try {
                parsed = new LDAPURL(url == null ? "" : url);
            } catch (LDAPException e) {
                throw new IllegalArgumentException("The LDAP URL is not valid: " + e.getMessage(), e);
            }
            if (security == null) {
                throw new IllegalArgumentException("Choose LDAPS, StartTLS or plain LDAP.");
            }
            boolean ldaps = parsed.getScheme().equalsIgnoreCase("ldaps");
            if (ldaps != (security == Security.LDAPS)) {
                throw new IllegalArgumentException(security == Security.LDAPS
                        ? "LDAPS needs an ldaps:// URL." : "StartTLS and plain LDAP need an ldap:// URL.");
            }
            if (security == Security.PLAIN && !allowPlain) {
                throw new IllegalArgumentException(
                        "Plain LDAP sends passwords in the clear; use LDAPS or StartTLS, or allow plain LDAP explicitly.");
            }
            for (String filter : new String[] {userFilter, groupFilter}) {
                try {
                    Filter.create(filter == null ? "" : filter);
                } catch (LDAPException e) {
                    throw new IllegalArgumentException("The filter " + filter + " is not a valid LDAP filter: " + e.getMessage(), e);
                }
            }
            if (blank(membershipAttribute)) {
                throw new IllegalArgumentException("Name the membership attribute: member (on groups) or memberOf (on users).");
            }
            if (attributes == null || blank(attributes.userName()) || blank(attributes.userPrincipalName())) {
                throw new IllegalArgumentException("The attribute map must name the user name attributes.");
            }
        }

        /** These settings without the bind password, for logs and pages. */
        @Override
        public String toString() {
            return "Settings[url=" + url + ", security=" + security + ", bindDn=" + bindDn + ", userBaseDn=" + userBaseDn + "]";
        }
    }

    private final Settings settings;
    private final Directory directory;
    private final LdapConnector connector;

    public LdapIdentitySource(Settings settings, Directory directory) {
        this.settings = settings;
        this.directory = directory;
        this.connector = new LdapConnector(settings);
    }

    @Override
    public Optional<Verdict> check(String userName, String password) {
        if (blank(userName)) {
            return Optional.empty();
        }
        Optional<User> known = directory.users().findByUserName(userName);
        if (known.isPresent() && directory.users().sourceOf(known.get().id()).isEmpty()) {
            return Optional.empty(); // one of Gatehouse's own users: the built-in directory decides
        }
        SearchResultEntry entry;
        try (LDAPConnection connection = connector.connect()) {
            serviceBind(connection);
            Optional<SearchResultEntry> found = findUser(connection, userName);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            entry = found.get();
            if (password == null || password.isEmpty()) {
                // An empty password would be an unauthenticated bind, which LDAP servers answer with success.
                return Optional.of(new Refused("wrong-password"));
            }
            connection.bind(entry.getDN(), password);
        } catch (AmbiguousName e) {
            return Optional.of(new Refused("ldap-ambiguous-name"));
        } catch (ServiceBindRefused e) {
            return Optional.of(new Refused("ldap-error: the service account's bind was refused"));
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS) {
                return Optional.of(new Refused("wrong-password"));
            }
            return Optional.of(new Refused(LdapConnector.reason(e)));
        }
        return Optional.of(signedIn(entry));
    }

    /** Connects and binds with the service account: a sentence for the admin on success; throws with one on failure. */
    public String testConnection() throws LdapFailure {
        try (LDAPConnection connection = connector.connect()) {
            connection.bind(settings.bindDn(), settings.bindPassword());
            SearchResult users = connection.search(new SearchRequest(settings.userBaseDn(), SearchScope.SUB,
                    Filter.create(settings.userFilter()), "1.1"));
            return "Connected to " + settings.url() + " as " + settings.bindDn() + "; " + users.getEntryCount()
                    + " users under " + settings.userBaseDn() + ".";
        } catch (LDAPException e) {
            throw new LdapFailure(connector.adminMessage(e), e);
        }
    }

    /** An LDAP failure, with a message fit for an administrator. */
    public static final class LdapFailure extends Exception {
        public LdapFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private Verdict signedIn(SearchResultEntry entry) {
        AttributeMap map = settings.attributes();
        String name = entry.getAttributeValue(map.userName());
        if (blank(name)) {
            return new Refused("ldap-entry-without-user-name");
        }
        Optional<User> existing = directory.users().findByUserName(name);
        if (existing.isPresent()) {
            if (directory.users().sourceOf(existing.get().id()).isEmpty()) {
                return new Refused("ldap-name-taken-by-local-user");
            }
            return existing.get().active() ? new Verified(existing.get()) : new Refused("inactive");
        }
        UserDraft draft = new UserDraft(name, value(entry, map.email()), value(entry, map.givenName()),
                value(entry, map.familyName()), value(entry, map.displayName()), true, false);
        try {
            return new Verified(directory.createSourcedUser("ldap", draft, SOURCE, entry.getDN()));
        } catch (DirectoryException e) {
            return new Refused("ldap-entry-not-valid: " + e.getMessage());
        }
    }

    private Optional<SearchResultEntry> findUser(LDAPConnection connection, String userName) throws LDAPException, AmbiguousName {
        AttributeMap map = settings.attributes();
        Filter filter = Filter.createANDFilter(Filter.create(settings.userFilter()), Filter.createORFilter(
                Filter.createEqualityFilter(map.userName(), userName),
                Filter.createEqualityFilter(map.userPrincipalName(), userName)));
        SearchRequest request = new SearchRequest(settings.userBaseDn(), SearchScope.SUB, filter,
                map.userName(), map.userPrincipalName(), map.email(), map.givenName(), map.familyName(), map.displayName());
        request.setSizeLimit(2);
        SearchResult result;
        try {
            result = connection.search(request);
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED) {
                throw new AmbiguousName();
            }
            throw e;
        }
        if (result.getEntryCount() > 1) {
            throw new AmbiguousName();
        }
        return result.getSearchEntries().stream().findFirst();
    }

    private void serviceBind(LDAPConnection connection) throws LDAPException, ServiceBindRefused {
        try {
            connection.bind(settings.bindDn(), settings.bindPassword());
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS) {
                throw new ServiceBindRefused();
            }
            throw e;
        }
    }

    /** The directory refused the service account: a configuration fault, not the user's. */
    private static final class ServiceBindRefused extends Exception {
        ServiceBindRefused() {
            super(null, null, false, false);
        }
    }

    /** Two entries answer to one name: nobody signs in with it. */
    private static final class AmbiguousName extends Exception {
        AmbiguousName() {
            super(null, null, false, false);
        }
    }

    Settings settings() {
        return settings;
    }

    /** How this source reaches its directory (the sync uses the same connections). */
    LdapConnector connector() {
        return connector;
    }

    private static String value(SearchResultEntry entry, String attribute) {
        return blank(attribute) ? null : entry.getAttributeValue(attribute);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
