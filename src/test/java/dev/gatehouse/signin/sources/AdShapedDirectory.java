package dev.gatehouse.signin.sources;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.util.ObjectPair;
import com.unboundid.util.ssl.cert.ManageCertificates;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The real LDAP server of the tests, shaped like Active Directory: UnboundID's in-memory directory with users
 * carrying {@code sAMAccountName}, {@code userPrincipalName} and {@code memberOf}, and nested groups
 * (AWS Admins ⊃ Staff ⊃ Engineers ∋ alice). Schema checking is off, so the AD attribute types need no schema.
 * Serves LDAPS on one port and plain LDAP with StartTLS on another, with a fresh self-signed certificate whose
 * PEM file {@link #caPem()} names.
 */
public final class AdShapedDirectory implements AutoCloseable {
    public static final String BASE = "dc=corp,dc=example";
    public static final String SERVICE_DN = "cn=gatehouse-svc,ou=Service," + BASE;
    public static final String SERVICE_PASSWORD = "svc-secret-1";
    public static final String ALICE_DN = "cn=Alice Adams,ou=People," + BASE;
    public static final String ALICE_PASSWORD = "alice-ad-pw-1";
    public static final String BOB_PASSWORD = "bob-ad-pw-1";

    final InMemoryDirectoryServer server;
    private final Path caPem;

    private AdShapedDirectory(InMemoryDirectoryServer server, Path caPem) {
        this.server = server;
        this.caPem = caPem;
    }

    public static AdShapedDirectory start(Path dir) throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setSchema(null);
        config.addAdditionalBindCredentials(SERVICE_DN, SERVICE_PASSWORD);
        ObjectPair<File, char[]> keyStore = localhostCertificate(dir);
        SSLUtil serverSsl = new SSLUtil(new KeyStoreKeyManager(keyStore.getFirst(), keyStore.getSecond(), "PKCS12", null),
                new TrustAllTrustManager());
        config.setListenerConfigs(
                InMemoryListenerConfig.createLDAPSConfig("ldaps", null, 0, serverSsl.createSSLServerSocketFactory(), null),
                InMemoryListenerConfig.createLDAPConfig("ldap", null, 0, serverSsl.createSSLSocketFactory()));
        InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
        server.add("dn: " + BASE, "objectClass: top", "objectClass: domain", "dc: corp");
        server.add("dn: ou=Service," + BASE, "objectClass: organizationalUnit", "ou: Service");
        server.add("dn: ou=People," + BASE, "objectClass: organizationalUnit", "ou: People");
        server.add("dn: ou=Groups," + BASE, "objectClass: organizationalUnit", "ou: Groups");
        addUser(server, "Alice Adams", "alice", "Alice", "Adams", ALICE_PASSWORD, "Engineers");
        addUser(server, "Bob Brown", "bob", "Bob", "Brown", BOB_PASSWORD, "Sales");
        addGroup(server, "Engineers", "cn=Alice Adams,ou=People," + BASE, "Staff");
        addGroup(server, "Sales", "cn=Bob Brown,ou=People," + BASE, null);
        addGroup(server, "Staff", "cn=Engineers,ou=Groups," + BASE, "AWS Admins");
        addGroup(server, "AWS Admins", "cn=Staff,ou=Groups," + BASE, null);
        server.startListening();
        return new AdShapedDirectory(server, writePem(keyStore, dir.resolve("ad-ca.pem")));
    }

    static void addUser(InMemoryDirectoryServer server, String cn, String sam, String given, String sn, String password,
                        String group) throws Exception {
        server.add("dn: cn=" + cn + ",ou=People," + BASE,
                "objectClass: top", "objectClass: person", "objectClass: user",
                "cn: " + cn, "sAMAccountName: " + sam, "userPrincipalName: " + sam + "@corp.example",
                "mail: " + sam + "@corp.example", "givenName: " + given, "sn: " + sn, "displayName: " + cn,
                "userPassword: " + password, "memberOf: cn=" + group + ",ou=Groups," + BASE);
    }

    /** A group with one member and, as AD keeps it, {@code memberOf} naming its own parent group (or none). */
    static void addGroup(InMemoryDirectoryServer server, String cn, String member, String parent) throws Exception {
        List<String> lines = new ArrayList<>(List.of("dn: cn=" + cn + ",ou=Groups," + BASE, "objectClass: top",
                "objectClass: group", "cn: " + cn, "sAMAccountName: " + cn, "member: " + member));
        if (parent != null) {
            lines.add("memberOf: cn=" + parent + ",ou=Groups," + BASE);
        }
        server.add(lines.toArray(String[]::new));
    }

    public int ldapsPort() {
        return server.getListenPort("ldaps");
    }

    int ldapPort() {
        return server.getListenPort("ldap");
    }

    public String caPem() {
        return caPem.toString();
    }

    public LdapIdentitySource.Settings ldaps() {
        return settings("ldaps://localhost:" + ldapsPort(), LdapIdentitySource.Security.LDAPS, false, caPem(), SERVICE_PASSWORD);
    }

    LdapIdentitySource.Settings startTls() {
        return settings("ldap://localhost:" + ldapPort(), LdapIdentitySource.Security.STARTTLS, false, caPem(), SERVICE_PASSWORD);
    }

    /** LDAPS, with the membership read from {@code memberOf} on users and groups instead of {@code member}. */
    LdapIdentitySource.Settings ldapsByMemberOf() {
        return settings("ldaps://localhost:" + ldapsPort(), LdapIdentitySource.Security.LDAPS, false, caPem(),
                SERVICE_PASSWORD, "memberOf");
    }

    public static LdapIdentitySource.Settings settings(String url, LdapIdentitySource.Security security, boolean allowPlain,
                                                String caPem, String servicePassword) {
        return settings(url, security, allowPlain, caPem, servicePassword, "member");
    }

    public static LdapIdentitySource.Settings settings(String url, LdapIdentitySource.Security security, boolean allowPlain,
                                                String caPem, String servicePassword, String membership) {
        return new LdapIdentitySource.Settings(url, security, allowPlain, caPem, SERVICE_DN, servicePassword,
                "ou=People," + BASE, "(objectClass=user)", "ou=Groups," + BASE, "(objectClass=group)", membership,
                LdapIdentitySource.AttributeMap.activeDirectory());
    }

    /** A fresh key pair and self-signed certificate for localhost (DNS name and 127.0.0.1), made by the SDK's tool. */
    private static ObjectPair<File, char[]> localhostCertificate(Path dir) {
        File file = dir.resolve("ad-server.p12").toFile();
        String pin = "server-keystore-pin";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultCode result = ManageCertificates.main(null, out, out, "generate-self-signed-certificate",
                "--keystore", file.getPath(), "--keystore-password", pin, "--keystore-type", "PKCS12",
                "--alias", "server", "--subject-dn", "CN=localhost", "--subject-alternative-name-dns", "localhost",
                "--subject-alternative-name-ip-address", "127.0.0.1", "--key-algorithm", "EC", "--key-size-bits", "256",
                "--signature-algorithm", "SHA256withECDSA");
        if (result != ResultCode.SUCCESS) {
            throw new IllegalStateException("manage-certificates: " + out.toString(StandardCharsets.UTF_8));
        }
        return new ObjectPair<>(file, pin.toCharArray());
    }

    private static Path writePem(ObjectPair<File, char[]> keyStore, Path pem) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keyStore.getFirst())) {
            store.load(in, keyStore.getSecond());
        }
        Certificate certificate = store.getCertificate(store.aliases().nextElement());
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded());
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n");
        return pem;
    }

    @Override
    public void close() {
        server.shutDown(true);
    }
}
