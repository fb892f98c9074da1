package dev.gatehouse.awsemulator.sts;

import dev.gatehouse.awsemulator.TestAwsEmulator;
import dev.gatehouse.samlxml.IdpMetadataReader;
import dev.gatehouse.samlxml.InvalidXmlException;
import dev.gatehouse.samlxml.SamlVerification;
import dev.gatehouse.samlxml.SignedSamlVerifier;
import dev.gatehouse.samlxml.VerifiedAssertion;
import dev.gatehouse.samlxml.hostile.HostileCorpus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.gatehouse.awsemulator.sts.HostileSamlCorpusTest.CORPUS;
import static dev.gatehouse.awsemulator.sts.HostileSamlCorpusTest.provider;
import static dev.gatehouse.awsemulator.sts.HostileSamlCorpusTest.role;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded mutation fuzzing (a fixed number of tries, the same on every run) of the corpus's valid response through
 * the running emulator, and of its metadata through {@link IdpMetadataReader}: nothing answers 500 or throws an
 * unexpected exception, and nothing is accepted unless it reads as the very same assertion.
 */
class SamlResponseFuzzTest {
    private static final int TRIES = 300;
    private static TestAwsEmulator aws;
    private static byte[] baseline;
    private static String metadata;
    private static List<X509Certificate> trusted;
    private static List<Object> reference;

    @BeforeAll
    static void start() throws Exception {
        aws = TestAwsEmulator.start(HostileSamlCorpusTest.CLOCK);
        HostileSamlCorpusTest.setUpAccount(aws.iam());
        baseline = Files.readAllBytes(CORPUS.resolve("baseline_valid.xml"));
        metadata = Files.readString(CORPUS.resolve("metadata.xml"));
        trusted = IdpMetadataReader.read(metadata).signingCertificates();
        reference = semantics(verify(Base64.getEncoder().encodeToString(baseline), trusted));
    }

    @AfterAll
    static void stop() {
        aws.close();
    }

    private static SamlVerification verify(String base64, List<X509Certificate> certificates) {
        return new SignedSamlVerifier().verify(base64, HostileCorpus.ENTITY_ID, certificates);
    }

    /** What the assertion says, without the unsigned Response's InResponseTo (which can only cause a refusal). */
    private static List<Object> semantics(SamlVerification result) {
        assertThat(result).isInstanceOf(SamlVerification.Verified.class);
        VerifiedAssertion a = ((SamlVerification.Verified) result).assertion();
        return java.util.Arrays.asList(a.id(), a.issuer(), a.nameId(), a.nameIdFormat(), a.subjectConfirmations(), a.notBefore(),
                a.notOnOrAfter(), a.audiences(), a.audienceRestrictions(), a.hasAuthnStatement(), a.sessionNotOnOrAfter(), a.attributes());
    }

    @Test
    void assumeWhenResponseMutatedThenNever500AndNeverAcceptedAsAnotherAssertion() {
        Random random = new Random(20260115L);
        int accepted = 0;
        for (int i = 0; i < TRIES; i++) {
            byte[] mutated = XmlMutator.mutate(baseline, random);
            String base64 = Base64.getEncoder().encodeToString(mutated);
            String label = "try " + i + ": " + new String(mutated, StandardCharsets.UTF_8);

            HttpResponse<String> sts = HostileSamlCorpusTest.assume(aws, role("Demo"), provider("Gatehouse"), base64);
            SamlVerification local = verify(base64, trusted);

            assertThat(sts.statusCode()).as(label).isIn(200, 400, 403);
            if (local instanceof SamlVerification.Verified) {
                assertThat(semantics(local)).as(label).isEqualTo(reference);
            }
            if (sts.statusCode() == 200) {
                accepted++;
                assertThat(local).as(label).isInstanceOf(SamlVerification.Verified.class);
            }
            if (i % 5 == 0) {
                Map<String, String> form = new LinkedHashMap<>();
                form.put("SAMLResponse", base64);
                assertThat(HostileSamlCorpusTest.postSaml(aws, form).statusCode()).as(label).isIn(303, 400, 403);
            }
        }
        // Some mutations (an unsigned attribute of the Response, a moved KeyInfo) keep the assertion intact.
        assertThat(accepted).isLessThan(TRIES);
    }

    @Test
    void readMetadataWhenMutatedThenRefusedCleanlyOrYieldingOnlyKeysThatVerifyTheRealSigner() {
        Random random = new Random(6238L);
        for (int i = 0; i < TRIES; i++) {
            byte[] mutated = XmlMutator.mutate(metadata.getBytes(StandardCharsets.UTF_8), random);
            String label = "try " + i + ": " + new String(mutated, StandardCharsets.UTF_8);
            IdpMetadataReader.IdpMetadata read;
            try {
                read = IdpMetadataReader.read(new String(mutated, StandardCharsets.UTF_8));
            } catch (InvalidXmlException e) {
                continue;
            }
            SamlVerification result = verify(Base64.getEncoder().encodeToString(baseline), read.signingCertificates());
            if (result instanceof SamlVerification.Verified) {
                assertThat(read.signingCertificates()).as(label)
                        .anySatisfy(c -> assertThat(c.getPublicKey()).isEqualTo(trusted.get(0).getPublicKey()));
            }
        }
    }
}
