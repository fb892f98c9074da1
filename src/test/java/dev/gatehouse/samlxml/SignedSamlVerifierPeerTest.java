package dev.gatehouse.samlxml;

import dev.gatehouse.testing.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verifier agrees with an independent one, {@code xmlsec1} (libxmlsec1), trusting only the metadata
 * certificate: both accept the genuine response, both refuse a tampered one and one signed by a key in KeyInfo.
 */
class SignedSamlVerifierPeerTest {
    private static final TestSamlResponses.Idp IDP = TestSamlResponses.Idp.create("https://idp.peer.test/metadata");

    @TempDir
    Path dir;

    private boolean xmlsec1Accepts(String base64) throws Exception {
        Path cert = dir.resolve("idp.pem");
        Files.writeString(cert, "-----BEGIN CERTIFICATE-----\n" + IDP.signing().certificateBase64() + "\n-----END CERTIFICATE-----\n");
        Path xml = Files.createTempFile(dir, "response", ".xml");
        Files.write(xml, Base64.getDecoder().decode(base64));
        Peers.Result result = Peers.run(List.of(Peers.xmlsec1(), "--verify", "--enabled-key-data", "key-name",
                "--pubkey-cert-pem", cert.toString(), "--id-attr:ID", "urn:oasis:names:tc:SAML:2.0:assertion:Assertion",
                xml.toString()), Map.of(), null);
        return result.exitCode() == 0 && result.output().contains("OK");
    }

    private static boolean oursAccepts(String base64) {
        return new SignedSamlVerifier().verify(base64, IDP.entityId(), List.of(IDP.signing().certificate()))
                instanceof SamlVerification.Verified;
    }

    @Test
    void verifyWhenGenuineThenBothAccept() throws Exception {
        Peers.xmlsec1();
        String genuine = IDP.response().base64();

        assertThat(xmlsec1Accepts(genuine)).isTrue();
        assertThat(oursAccepts(genuine)).isTrue();
    }

    @Test
    void verifyWhenTamperedOrSignedByKeyInfoKeyThenBothRefuse() throws Exception {
        Peers.xmlsec1();
        String tampered = IDP.response().afterSigning(doc -> ((Element) doc.getElementsByTagNameNS(SamlNames.ASSERTION_NS, "NameID").item(0))
                .setTextContent("admin")).base64();
        String forged = IDP.response().signWith(TestSamlResponses.SigningIdentity.generate("Attacker")).base64();

        assertThat(xmlsec1Accepts(tampered)).isFalse();
        assertThat(oursAccepts(tampered)).isFalse();
        assertThat(xmlsec1Accepts(forged)).isFalse();
        assertThat(oursAccepts(forged)).isFalse();
    }
}
