package dev.gatehouse.samlxml;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The verifier agrees with an independent one, {@code xmlsec1} (libxmlsec1), trusting only the metadata
 * certificate: both accept the genuine response, both refuse a tampered one and one signed by a key in KeyInfo.
 */
class SignedSamlVerifierPeerTest {
    private static final Path XMLSEC1 = Path.of("/usr/bin/xmlsec1");
    private static final TestSamlResponses.Idp IDP = TestSamlResponses.Idp.create("https://idp.peer.test/metadata");

    @TempDir
    Path dir;

    private static void requireXmlsec1() {
        boolean present = Files.isExecutable(XMLSEC1);
        if (!present && "true".equals(System.getenv("CI"))) {
            fail("CI=true but xmlsec1 is not installed at " + XMLSEC1);
        }
        if (!present) {
            System.out.println("Skipping: xmlsec1 is not installed at " + XMLSEC1);
        }
        Assumptions.assumeTrue(present, "xmlsec1 is not installed at " + XMLSEC1);
    }

    private boolean xmlsec1Accepts(String base64) throws Exception {
        Path cert = dir.resolve("idp.pem");
        Files.writeString(cert, "-----BEGIN CERTIFICATE-----\n" + IDP.signing().certificateBase64() + "\n-----END CERTIFICATE-----\n");
        Path xml = Files.createTempFile(dir, "response", ".xml");
        Files.write(xml, Base64.getDecoder().decode(base64));
        Process p = new ProcessBuilder(XMLSEC1.toString(), "--verify", "--enabled-key-data", "key-name",
                "--pubkey-cert-pem", cert.toString(), "--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:assertion:Assertion", xml.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() == 0 && output.contains("OK");
    }

    private static boolean oursAccepts(String base64) {
        return new SignedSamlVerifier().verify(base64, IDP.entityId(), List.of(IDP.signing().certificate()))
                instanceof SamlVerification.Verified;
    }

    @Test
    void verifyWhenGenuineThenBothAccept() throws Exception {
        requireXmlsec1();
        String genuine = IDP.response().base64();

        assertThat(xmlsec1Accepts(genuine)).isTrue();
        assertThat(oursAccepts(genuine)).isTrue();
    }

    @Test
    void verifyWhenTamperedOrSignedByKeyInfoKeyThenBothRefuse() throws Exception {
        requireXmlsec1();
        String tampered = IDP.response().afterSigning(doc -> ((Element) doc.getElementsByTagNameNS(SamlNames.ASSERTION_NS, "NameID").item(0))
                .setTextContent("admin")).base64();
        String forged = IDP.response().signWith(TestSamlResponses.SigningIdentity.generate("Attacker")).base64();

        assertThat(xmlsec1Accepts(tampered)).isFalse();
        assertThat(oursAccepts(tampered)).isFalse();
        assertThat(xmlsec1Accepts(forged)).isFalse();
        assertThat(oursAccepts(forged)).isFalse();
    }
}
