package dev.gatehouse.awsemulator.sts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The values AssumeRoleWithSAML computes the way AWS documents them (aws-saml-spec §4.3). */
class AssumeRoleWithSamlValuesTest {

    @Test
    void nameQualifierWhenDocumentationInputThenBase64OfSha1OfIssuerAccountAndProvider() {
        assertThat(AssumeRoleWithSaml.nameQualifier("https://example.com/saml", "123456789012", "MySAMLIdP"))
                .isEqualTo("1uAJanUnBc2XeUkHURMht+xam2c=");
    }

    @Test
    void subjectTypeWhenSaml2FormatThenShortNameElseWholeUri() {
        assertThat(AssumeRoleWithSaml.subjectType("urn:oasis:names:tc:SAML:2.0:nameid-format:persistent")).isEqualTo("persistent");
        assertThat(AssumeRoleWithSaml.subjectType("urn:oasis:names:tc:SAML:2.0:nameid-format:transient")).isEqualTo("transient");
        assertThat(AssumeRoleWithSaml.subjectType("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"))
                .isEqualTo("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress");
    }
}
