package dev.gatehouse.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.TestIdentityCenter;
import dev.gatehouse.testing.LogCapture;
import dev.gatehouse.web.WebServer;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12, item 11: a display name with characters that mean something in a distinguished name, or a long one,
 * went into the certificate subject as text after the app row was stored; the key failed and the app was left
 * without one. Now any name up to 128 characters gets an app, a key, metadata and a subject that reads it back.
 */
class AppDisplayNameTest {
    private static final Pattern CERTIFICATE = Pattern.compile("<ds:X509Certificate>([^<]+)</ds:X509Certificate>");
    private static TestIdentityCenter ic;

    @BeforeAll
    static void start() {
        ic = TestIdentityCenter.start();
    }

    @AfterAll
    static void stop() {
        ic.close();
    }

    @Test
    void anyNameUpTo128CharactersGetsAnAppWithAKey() throws Exception {
        List<String> names = List.of("Say \"hi\"", "back\\slash", "A+B", "#hash first", "CN=x, O=Evil", "semi;colon <angle>",
                "x".repeat(42), "Ünïcødé ✓ " + "é".repeat(100), "y".repeat(128));
        for (String name : names) {
            HttpResponse<String> created = ic.send(ic.admin("/api/apps").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(WebServer.JSON.createObjectNode()
                            .put("template", "custom-saml").put("displayName", name)
                            .put("acsUrl", "https://sp.example.com/acs").put("audience", "https://sp.example.com").toString()))
                    .build());
            assertThat(created.statusCode()).as(name + ": " + created.body()).isEqualTo(201);
            JsonNode app = WebServer.JSON.readTree(created.body());
            String id = app.path("id").asText();
            assertThat(app.path("displayName").asText()).isEqualTo(name);

            HttpResponse<String> metadata = ic.send(ic.admin("/api/apps/" + id + "/saml-metadata").build());
            assertThat(metadata.statusCode()).as(name).isEqualTo(200);
            Matcher m = CERTIFICATE.matcher(metadata.body());
            assertThat(m.find()).as(name).isTrue();
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getMimeDecoder().decode(m.group(1))));
            X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
            RDN[] cn = subject.getRDNs(BCStyle.CN);
            assertThat(cn).as(name).hasSize(1);
            String expected = name.length() > 64 ? name.substring(0, 64) : name;
            assertThat(((ASN1String) cn[0].getFirst().getValue()).getString()).as(name).isEqualTo(expected);
            RDN[] ou = subject.getRDNs(BCStyle.OU);
            assertThat(ou).as(name).hasSize(1);
            assertThat(((ASN1String) ou[0].getFirst().getValue()).getString()).isEqualTo(id);
            assertThat(ic.send(ic.admin("/api/apps/" + id + "/signing-keys").build()).body()).contains("ACTIVE");
        }
    }

    @Test
    void anAppWhoseKeyCannotBeStoredIsNotStoredEither() {
        var jdbi = ic.center().database().jdbi();
        int appsBefore = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM apps").mapTo(Integer.class).one());
        jdbi.useHandle(h -> h.execute("ALTER TABLE signing_keys RENAME TO signing_keys_away"));
        try (LogCapture log = LogCapture.open()) {
            HttpResponse<String> created = ic.send(ic.admin("/api/apps").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"template\":\"external-aws-account\",\"displayName\":\"Keyless\"}"))
                    .build());
            assertThat(created.statusCode()).as("a server fault, rightly").isEqualTo(500);
            assertThat(log.drain()).as("the fault is logged").isNotEmpty();
        } finally {
            jdbi.useHandle(h -> h.execute("ALTER TABLE signing_keys_away RENAME TO signing_keys"));
        }
        int appsAfter = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM apps").mapTo(Integer.class).one());
        assertThat(appsAfter).as("no app without a key").isEqualTo(appsBefore);
    }
}
