package dev.gatehouse.awsemulator.iam;

import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.awsemulator.TestIdpMetadata;
import dev.gatehouse.testing.Peers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A SAML provider holds at most 10 signing certificates, as on AWS (an identity provider rotating its key lists the
 * next one beside the active one): with the AWS CLI, 10 are accepted, an 11th is refused with LimitExceeded by
 * CreateSAMLProvider and UpdateSAMLProvider, and a refused update leaves the provider as it was.
 */
class SigningCertificateLimitTest {
    @Test
    void tenCertificatesAreAcceptedAndElevenRefused(@TempDir Path dir) throws Exception {
        TestAwsEmulator.requireAwsCli();
        List<X509Certificate> certs = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            certs.add(TestIdpMetadata.certificate(2048, "key-" + i));
        }
        Path ten = dir.resolve("ten.xml");
        Files.writeString(ten, TestIdpMetadata.metadata("https://idp.example.com/limit", certs.subList(0, 10), null));
        Path eleven = dir.resolve("eleven.xml");
        Files.writeString(eleven, TestIdpMetadata.metadata("https://idp.example.com/limit", certs, null));
        try (TestAwsEmulator aws = TestAwsEmulator.start()) {
            Peers.Output created = aws.aws("iam", "create-saml-provider", "--name", "Ten", "--saml-metadata-document", "file://" + ten);
            assertThat(created.exitCode()).as(created.stderr()).isZero();
            String arn = "arn:aws:iam::" + TestAwsEmulator.ACCOUNT_ID + ":saml-provider/Ten";

            Peers.Output update = aws.aws("iam", "update-saml-provider", "--saml-provider-arn", arn, "--saml-metadata-document", "file://" + eleven);
            assertThat(update.exitCode()).isNotZero();
            assertThat(update.stderr()).contains("LimitExceeded").contains("10");
            assertThat(aws.iam().getSamlProvider(arn).signingCertificates()).hasSize(10);

            Peers.Output refused = aws.aws("iam", "create-saml-provider", "--name", "Eleven", "--saml-metadata-document", "file://" + eleven);
            assertThat(refused.exitCode()).isNotZero();
            assertThat(refused.stderr()).contains("LimitExceeded");
            assertThat(aws.iam().listSamlProviders(TestAwsEmulator.ACCOUNT_ID)).hasSize(1);
        }
    }
}
