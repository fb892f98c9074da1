package dev.gatehouse.samlxml.hostile;

import dev.gatehouse.samlxml.TestSamlResponses;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;

/**
 * Generates the hostile-sample corpus under {@code src/test/resources/saml/hostile/}: a fresh IdP key pair and its
 * metadata, one file per attack built from a validly signed response of that IdP, {@code expectations.tsv} (what
 * AWS answers, which verifier code pins the defence) and the README's table. Regenerate with
 * <pre>mvn -DbuildDir=/tmp/build-x test -Dtest=RegenerateHostileCorpusTest -Dgatehouse.regenerateHostileCorpus=true</pre>
 * (or run {@link #main} from an IDE); the corpus test only reads the files.
 */
public final class HostileCorpus {
    public static final String ENTITY_ID = "https://gatehouse.test/saml/metadata/aws";
    public static final Path DEFAULT_DIR = Path.of("src/test/resources/saml/hostile");
    static final List<String> SUPPORT_FILES = List.of("README.md", "expectations.tsv", "metadata.xml", "idp-key.pem", "idp-cert.pem");

    private HostileCorpus() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : DEFAULT_DIR;
        if (!dir.getFileName().toString().equals("hostile")) {
            throw new IllegalArgumentException("the corpus folder is named hostile; refusing to clear " + dir);
        }
        TestSamlResponses.Idp idp = TestSamlResponses.Idp.create(ENTITY_ID);
        TestSamlResponses.SigningIdentity rsa1024 = identity("Test IdP 1024", 1024);
        TestSamlResponses.SigningIdentity rsa512 = identity("Test IdP 512", 512);
        Forge forge = new Forge(idp, identity("Attacker", 2048));
        List<HostileCase> cases = new ArrayList<>();
        cases.addAll(SemanticCases.all(forge, rsa1024, rsa512));
        cases.addAll(WrappingCases.all(forge));
        cases.addAll(SignatureCases.all(forge));
        cases.addAll(ParserCases.all(forge));

        if (Files.isDirectory(dir)) {
            try (Stream<Path> old = Files.walk(dir)) {
                old.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(HostileCorpus::delete);
            }
        }
        Files.createDirectories(dir.resolve("extra"));
        Files.writeString(dir.resolve("metadata.xml"), idp.metadataXml());
        Files.writeString(dir.resolve("idp-cert.pem"), pem("CERTIFICATE", idp.signing().certificate().getEncoded()));
        Files.writeString(dir.resolve("idp-key.pem"), pem("PRIVATE KEY", idp.signing().key().getEncoded()));
        Files.writeString(dir.resolve("extra/rsa-1024.metadata.xml"), new TestSamlResponses.Idp(ENTITY_ID, rsa1024).metadataXml());
        Files.writeString(dir.resolve("extra/tiny-rsa-512.metadata.xml"), new TestSamlResponses.Idp(ENTITY_ID, rsa512).metadataXml());
        StringBuilder tsv = new StringBuilder("# file\tstatus\tcode\tverifier\ttrust\trole@provider\tmessage-prefix\n");
        for (HostileCase c : cases) {
            Files.write(dir.resolve(c.file()), c.payload());
            tsv.append(c.line()).append('\n');
        }
        Files.writeString(dir.resolve("expectations.tsv"), tsv);
        Files.writeString(dir.resolve("README.md"), CorpusReadme.render(cases));
        System.out.println("wrote " + cases.size() + " cases to " + dir.toAbsolutePath());
    }

    /** An RSA key of {@code bits} with a self-signed certificate (the fixture's own generator is fixed at 2048). */
    static TestSamlResponses.SigningIdentity identity(String commonName, int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=" + commonName);
        return new TestSamlResponses.SigningIdentity(pair.getPrivate(), certificate(name, name, BigInteger.valueOf(System.nanoTime()),
                Date.from(Forge.T0.minus(1, ChronoUnit.DAYS)), Date.from(Forge.T0.plus(3650, ChronoUnit.DAYS)), pair));
    }

    /** The attacker's key in a certificate whose subject, issuer, serial and dates are copied from the IdP's. */
    static TestSamlResponses.SigningIdentity clonedSubject(TestSamlResponses.SigningIdentity idp, TestSamlResponses.SigningIdentity attacker) {
        try {
            X509Certificate real = idp.certificate();
            KeyPair pair = new KeyPair(attacker.certificate().getPublicKey(), attacker.key());
            return new TestSamlResponses.SigningIdentity(attacker.key(), certificate(X500Name.getInstance(real.getSubjectX500Principal().getEncoded()),
                    X500Name.getInstance(real.getIssuerX500Principal().getEncoded()), real.getSerialNumber(), real.getNotBefore(), real.getNotAfter(), pair));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate certificate(X500Name subject, X500Name issuer, BigInteger serial, Date from, Date to, KeyPair pair)
            throws Exception {
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial, from, to, subject, pair.getPublic());
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void delete(Path p) {
        try {
            Files.delete(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
