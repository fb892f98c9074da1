package dev.gatehouse.idp;

import dev.gatehouse.samlxml.InvalidXmlException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link AuthnRequestReader}: the fields SP-initiated sign-in needs, and a clear refusal of anything else. */
class AuthnRequestReaderTest {
    private static final String P = "urn:oasis:names:tc:SAML:2.0:protocol";
    private static final String A = "urn:oasis:names:tc:SAML:2.0:assertion";

    private static byte[] xml(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static AuthnRequestReader.AuthnRequest read(String s) {
        return AuthnRequestReader.read(xml(s));
    }

    @Test
    void readThenIdIssuerAcsDestinationAndBinding() {
        AuthnRequestReader.AuthnRequest r = read("""
                <samlp:AuthnRequest xmlns:samlp="%s" xmlns:saml="%s" ID="_abc123" Version="2.0"
                    IssueInstant="2030-01-01T00:00:00Z" Destination="https://idp.example/saml/sso/app-1"
                    AssertionConsumerServiceURL="https://sp.example/acs"
                    ProtocolBinding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST">
                  <saml:Issuer>
                    https://sp.example/metadata
                  </saml:Issuer>
                  <samlp:NameIDPolicy AllowCreate="true"/>
                </samlp:AuthnRequest>""".formatted(P, A));
        assertThat(r).isEqualTo(new AuthnRequestReader.AuthnRequest("_abc123", "https://sp.example/metadata",
                "https://sp.example/acs", "https://idp.example/saml/sso/app-1", "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"));
    }

    @Test
    void readWhenOptionalAttributesAbsentThenNull() {
        AuthnRequestReader.AuthnRequest r = read("<p:AuthnRequest xmlns:p=\"" + P + "\" ID=\"x1\" Version=\"2.0\">"
                + "<Issuer xmlns=\"" + A + "\">sp</Issuer></p:AuthnRequest>");
        assertThat(r.id()).isEqualTo("x1");
        assertThat(r.issuer()).isEqualTo("sp");
        assertThat(r.acsUrl()).isNull();
        assertThat(r.destination()).isNull();
        assertThat(r.protocolBinding()).isNull();
    }

    @Test
    void readWhenNotAnAuthnRequestThenRefused() {
        assertThatThrownBy(() -> read("<samlp:LogoutRequest xmlns:samlp=\"" + P + "\" ID=\"x\" Version=\"2.0\"/>"))
                .isInstanceOf(InvalidXmlException.class).hasMessage("the message is not a SAML 2.0 AuthnRequest");
        assertThatThrownBy(() -> read("<AuthnRequest ID=\"x\" Version=\"2.0\"/>")).as("no namespace")
                .isInstanceOf(InvalidXmlException.class).hasMessage("the message is not a SAML 2.0 AuthnRequest");
        assertThatThrownBy(() -> read("<AuthnRequest xmlns=\"urn:oasis:names:tc:SAML:1.0:protocol\" ID=\"x\" Version=\"2.0\"/>"))
                .isInstanceOf(InvalidXmlException.class).hasMessage("the message is not a SAML 2.0 AuthnRequest");
    }

    @Test
    void readWhenIdMissingOrOverlongThenRefused() {
        String issuer = "<saml:Issuer xmlns:saml=\"" + A + "\">sp</saml:Issuer>";
        assertThatThrownBy(() -> read("<p:AuthnRequest xmlns:p=\"" + P + "\" Version=\"2.0\">" + issuer + "</p:AuthnRequest>"))
                .isInstanceOf(InvalidXmlException.class).hasMessage("the AuthnRequest has no usable ID");
        assertThatThrownBy(() -> read("<p:AuthnRequest xmlns:p=\"" + P + "\" ID=\"" + "x".repeat(257) + "\" Version=\"2.0\">"
                + issuer + "</p:AuthnRequest>"))
                .isInstanceOf(InvalidXmlException.class).hasMessage("the AuthnRequest has no usable ID");
        assertThat(read("<p:AuthnRequest xmlns:p=\"" + P + "\" ID=\"" + "x".repeat(256) + "\" Version=\"2.0\">"
                + issuer + "</p:AuthnRequest>").id()).hasSize(256);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.1", "2", "2.0 "})
    void readWhenVersionIsNot20ThenRefused(String version) {
        assertThatThrownBy(() -> read("<p:AuthnRequest xmlns:p=\"" + P + "\" ID=\"x\" Version=\"" + version + "\">"
                + "<saml:Issuer xmlns:saml=\"" + A + "\">sp</saml:Issuer></p:AuthnRequest>"))
                .isInstanceOf(InvalidXmlException.class).hasMessage("the AuthnRequest is not SAML version 2.0");
    }

    @Test
    void readWhenIssuerMissingDuplicatedOrNestedThenRefused() {
        String open = "<p:AuthnRequest xmlns:p=\"" + P + "\" xmlns:saml=\"" + A + "\" ID=\"x\" Version=\"2.0\">";
        for (String body : new String[]{
                "",
                "<saml:Issuer>a</saml:Issuer><saml:Issuer>b</saml:Issuer>",
                "<p:Extensions><saml:Issuer>hidden</saml:Issuer></p:Extensions>"}) {
            assertThatThrownBy(() -> read(open + body + "</p:AuthnRequest>")).as(body)
                    .isInstanceOf(InvalidXmlException.class).hasMessage("the AuthnRequest must carry exactly one Issuer");
        }
    }

    @Test
    void readWhenDoctypeOrNotXmlThenRefusedByTheSafeParser() {
        assertThatThrownBy(() -> read("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<p:AuthnRequest xmlns:p=\"" + P + "\" ID=\"x\" Version=\"2.0\">&e;</p:AuthnRequest>"))
                .isInstanceOf(InvalidXmlException.class);
        assertThatThrownBy(() -> read("not xml at all")).isInstanceOf(InvalidXmlException.class);
        assertThatThrownBy(() -> AuthnRequestReader.read(new byte[0])).isInstanceOf(InvalidXmlException.class);
    }
}
