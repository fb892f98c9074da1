package dev.gatehouse.awsside;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AwsAccountCatalogTemplate;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.keys.EncryptionCertificates;
import dev.gatehouse.keys.EncryptionCertificates.EncryptionCertificate;
import dev.gatehouse.keys.EncryptionCertificates.Source;
import dev.gatehouse.keys.SelfSignedCertificates;
import org.jdbi.v3.core.Jdbi;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Encrypted assertions for an AWS application: the certificate its assertions are encrypted to, either uploaded
 * by the administrator, or, with a connection, made here. AWS never hands out an encryption certificate: it takes
 * the private key (IAM UpdateSAMLProvider {@code AddPrivateKey}). So the identity center generates a key pair,
 * pushes the private key to the SAML provider of every connected account, keeps only the certificate and forgets
 * the private key. Each change is audited, without key material. Thread-safe.
 *
 * <p>A push never leaves launches failing: the new key is added beside the old one (AWS holds two), the
 * certificate is switched, and only then are the old keys removed and, if asked for, {@code Required} set.
 */
public final class AssertionEncryption {
    /** A refused change, with a message for the administrator; nothing was changed. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    private final AwsSide side;
    private final EncryptionCertificates certificates;
    private final ProviderKeys providers;
    private final SelfSignedCertificates generator;
    private final AuditLog audit;
    private final Jdbi jdbi;
    private final Clock clock;

    public AssertionEncryption(AwsSide side, EncryptionCertificates certificates, AwsApiClient client,
                               SelfSignedCertificates generator, AuditLog audit, Jdbi jdbi, Clock clock) {
        this.side = side;
        this.certificates = certificates;
        this.providers = new ProviderKeys(client);
        this.generator = generator;
        this.audit = audit;
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public Optional<EncryptionCertificate> current(String appId) {
        side.awsApp(appId);
        return certificates.find(appId);
    }

    /** Stores an uploaded certificate; every launch of the application is then encrypted to it. */
    public EncryptionCertificate upload(String actor, String appId, String pem) {
        App app = side.awsApp(appId);
        try {
            EncryptionCertificates.parse(pem);
        } catch (EncryptionCertificates.Unusable e) {
            throw new Refused(e.getMessage());
        }
        Optional<EncryptionCertificate> before = certificates.find(appId);
        jdbi.useTransaction(h -> {
            lockApp(h, appId);
            certificates.put(h, appId, pem.trim() + "\n", Source.UPLOADED, null, null, actor);
        });
        certificates.forget(List.of(appId));
        EncryptionCertificate after = certificates.find(appId).orElseThrow();
        audit.recordChange(actor, "AWS_ENCRYPTION_CERTIFICATE_UPLOADED", app.id(), before.map(AssertionEncryption::summary).orElse(null), summary(after));
        return after;
    }

    /**
     * Generates a key pair, pushes its private key to every connected account's provider with {@code mode}, and
     * encrypts to its certificate from then on.
     *
     * @param mode {@code Required} or {@code Allowed}
     */
    public EncryptionCertificate generateAndPush(String actor, String appId, String mode) {
        App app = side.awsApp(appId);
        if (!"Required".equals(mode) && !"Allowed".equals(mode)) {
            throw new Refused("Choose Required or Allowed.");
        }
        List<AwsSide.ConnectedAccount> accounts = side.connectedAccounts(appId);
        if (accounts.isEmpty()) {
            throw new Refused("Connect the account first: AWS takes the private key through UpdateSAMLProvider, so the identity center needs a connection to push it.");
        }
        if ("Required".equals(mode) && app.template() instanceof AwsAccountCatalogTemplate) {
            throw new Refused("Required needs each provider's own ACS URL as Recipient; a catalog posts to one URL, so use Allowed.");
        }
        SelfSignedCertificates.Generated pair = generator.generate("Gatehouse assertion encryption", app.displayName(), clock.instant());
        String privatePem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pair.keyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        Map<String, String> pushed = new LinkedHashMap<>();
        Map<String, ProviderKeys.State> states = new LinkedHashMap<>();
        java.util.concurrent.atomic.AtomicReference<Optional<EncryptionCertificate>> previous = new java.util.concurrent.atomic.AtomicReference<>();
        jdbi.useTransaction(h -> {
            // Pushes for one application queue on its row, so two at once cannot interleave their keys; what was in use
            // before is read under that lock, so the old key removed afterwards is the one this push replaced.
            lockApp(h, appId);
            previous.set(certificates.find(appId));
            boolean stored = false;
            try {
                for (AwsSide.ConnectedAccount account : accounts) {
                    ProviderKeys.State state = providers.state(account);
                    states.put(account.accountId(), state);
                    if ("Required".equals(mode) && !app.acsUrl().endsWith("/saml/acs/" + state.uuid())) {
                        throw new Refused("Required mode takes assertions only at the provider's own ACS URL: set this application's ACS URL to "
                                + "https://signin.aws.amazon.com/saml/acs/" + state.uuid() + " (or the emulator's /saml/acs/" + state.uuid() + ") first.");
                    }
                    // Never weaken a Required provider while its old key still works; Allowed otherwise, so both kinds pass meanwhile.
                    String interimMode = "Allowed".equals(mode) || !"Required".equals(state.mode()) ? "Allowed" : null;
                    pushed.put(account.accountId(), providers.addKey(account, privatePem, interimMode, state));
                }
                certificates.put(h, appId, EncryptionCertificates.pem(pair.certificate()), Source.GENERATED, mode, ProviderKeys.encode(pushed), actor);
                stored = true;
            } catch (AwsApiClient.AwsApiError e) {
                throw new Refused("AWS refused the key: " + e.quoted());
            } finally {
                if (!stored) {
                    // Whatever stopped the push (AWS, a refusal, the database), no key stays at AWS without a record here.
                    providers.removeQuietly(accounts, pushed);
                }
            }
        });
        Optional<EncryptionCertificate> before = previous.get();
        certificates.forget(List.of(appId));
        // The new certificate is in use: the old keys go, and Required is set only now.
        List<String> problems = new ArrayList<>();
        Map<String, String> old = before.filter(c -> c.source() == Source.GENERATED).map(c -> ProviderKeys.decode(c.pushedKeys())).orElse(Map.of());
        for (AwsSide.ConnectedAccount account : accounts) {
            problems.addAll(providers.finish(account, old.get(account.accountId()), "Required".equals(mode)
                    && !"Required".equals(states.get(account.accountId()).mode())));
        }
        EncryptionCertificate after = certificates.find(appId).orElseThrow();
        Map<String, Object> detail = new LinkedHashMap<>(summary(after));
        if (!problems.isEmpty()) {
            detail.put("problems", problems);
        }
        audit.recordChange(actor, "AWS_ENCRYPTION_KEY_PUSHED", app.id(), before.map(AssertionEncryption::summary).orElse(null), detail);
        return after;
    }

    /**
     * Stops encrypting. For a generated key, the providers are first set to {@code Allowed} (plaintext must pass
     * before it is sent) and the pushed keys removed afterwards.
     */
    public void remove(String actor, String appId) {
        App app = side.awsApp(appId);
        EncryptionCertificate current = certificates.find(appId).orElseThrow(() -> new Refused("Assertions are not encrypted."));
        Map<String, String> pushed = current.source() == Source.GENERATED ? ProviderKeys.decode(current.pushedKeys()) : Map.of();
        List<AwsSide.ConnectedAccount> accounts = side.connectedAccounts(appId).stream().filter(a -> pushed.containsKey(a.accountId())).toList();
        try {
            for (AwsSide.ConnectedAccount account : accounts) {
                providers.allowPlaintext(account);
            }
        } catch (AwsApiClient.AwsApiError e) {
            throw new Refused("AWS refused to allow plaintext assertions again, so encryption stays on: " + e.quoted());
        }
        jdbi.useTransaction(h -> {
            lockApp(h, appId);
            certificates.remove(h, appId);
        });
        certificates.forget(List.of(appId));
        providers.removeQuietly(accounts, pushed);
        audit.recordChange(actor, "AWS_ENCRYPTION_CERTIFICATE_REMOVED", app.id(), summary(current), null);
    }

    private static void lockApp(org.jdbi.v3.core.Handle h, String appId) {
        h.createQuery("SELECT id FROM apps WHERE id = :a FOR UPDATE").bind("a", appId).mapTo(String.class).findOne();
    }

    /** What the audit log keeps: never key material, the certificate only by subject, serial and expiry. */
    static Map<String, Object> summary(EncryptionCertificate c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", c.source().name());
        out.put("subject", c.certificate().getSubjectX500Principal().getName());
        out.put("serial", c.certificate().getSerialNumber().toString(16));
        out.put("notAfter", c.certificate().getNotAfter().toInstant().toString());
        if (c.mode() != null) {
            out.put("mode", c.mode());
        }
        if (c.pushedKeys() != null) {
            out.put("keys", c.pushedKeys());
        }
        return out;
    }
}
