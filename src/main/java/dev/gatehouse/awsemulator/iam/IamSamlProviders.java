package dev.gatehouse.awsemulator.iam;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.gatehouse.awsemulator.core.Arn;
import dev.gatehouse.awsemulator.core.AwsError;
import dev.gatehouse.awsemulator.iam.IamStore.ProviderRow;
import dev.gatehouse.samlxml.IdpMetadataReader.IdpMetadata;
import dev.gatehouse.samlxml.IdpMetadataReader;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * IAM's SAML-provider operations behind {@link IamService}: create, update, read, list and delete, with AWS's
 * constraints, metadata checks and the per-account quota.
 */
final class IamSamlProviders {
    static final int MAX_PROVIDERS = 100;
    /** AWS keeps at most this many signing certificates per provider (IdPs rotate by listing the next one beside). */
    static final int MAX_SIGNING_CERTIFICATES = 10;

    private final IamStore store;
    private final IamTags tags;
    private final IamIdentifiers ids;
    /**
     * Parsed metadata by its text. Every AssumeRoleWithSAML reads its provider, and parsing the stored XML again
     * each time was a fifth of a validation; keyed by content, an updated document is simply another entry, and
     * the row itself is still read each time, so a deleted provider stops sign-ins at once.
     */
    private final Cache<String, IdpMetadata> parsed = Caffeine.newBuilder().maximumSize(1_000).executor(Runnable::run).build();

    private final SamlProviderEncryption encryption;

    IamSamlProviders(IamStore store, IamTags tags, IamIdentifiers ids) {
        this.store = store;
        this.tags = tags;
        this.ids = ids;
        this.encryption = new SamlProviderEncryption(store, ids);
    }

    SamlProvider createSamlProvider(String accountId, String name, String metadataXml, List<IamTag> providerTags,
                                    SamlProviderEncryption.Change change) {
        IamConstraints constraints = new IamConstraints().required("name", name).length("name", name, 1, 128)
                .pattern("name", name, IamConstraints.PROVIDER_NAME_PATTERN)
                .required("sAMLMetadataDocument", metadataXml).length("sAMLMetadataDocument", metadataXml, 1000, 10_000_000);
        SamlProviderEncryption.constrain(constraints, change);
        constraints.check();
        if (change.removePrivateKey() != null) {
            throw AwsError.invalidInput("RemovePrivateKey is not valid when creating a SAML provider.");
        }
        IamTags.check(providerTags);
        IdpMetadata metadata = readMetadata(metadataXml);
        Instant now = ids.now();
        ProviderRow row = new ProviderRow(accountId, name, Arn.samlProvider(accountId, name), "SAMLSP" + ids.randomId(16),
                metadataXml, metadata.entityId(), validUntil(metadata, now), now, null);
        store.inTransaction(h -> {
            if (store.providerNameTaken(h, accountId, name)) {
                throw AwsError.entityAlreadyExists("SAMLProvider " + name + " already exists.");
            }
            if (store.countProviders(h, accountId) >= MAX_PROVIDERS) {
                throw AwsError.limitExceeded("Cannot exceed quota for SAMLProvidersPerAccount: " + MAX_PROVIDERS);
            }
            store.insertProvider(h, row);
            encryption.apply(h, row.arn(), "", change);
            tags.tag(h, row.arn(), providerTags, "TagsPerSAMLProvider");
            return null;
        });
        return getSamlProvider(row.arn());
    }

    /** {@code metadataXml} may be {@code null}: IAM's model makes it optional, and the provider then stays as it is. */
    SamlProvider updateSamlProvider(String arn, String metadataXml, SamlProviderEncryption.Change change) {
        IamConstraints constraints = new IamConstraints().required("sAMLProviderArn", arn).length("sAMLProviderArn", arn, 20, 2048)
                .length("sAMLMetadataDocument", metadataXml, 1000, 10_000_000);
        SamlProviderEncryption.constrain(constraints, change);
        constraints.check();
        SamlProvider current = getSamlProvider(arn);
        if (metadataXml == null && change.equals(SamlProviderEncryption.Change.NONE)) {
            return current;
        }
        IdpMetadata metadata = metadataXml == null ? null : readMetadata(metadataXml);
        store.inTransaction(h -> {
            String mode = store.lockProvider(h, arn)
                    .orElseThrow(() -> AwsError.noSuchEntity("SAMLProvider " + arn + " does not exist."));
            if (metadata != null) {
                store.updateProvider(h, arn, metadataXml, metadata.entityId(), validUntil(metadata, ids.now()));
            }
            encryption.apply(h, arn, mode, change);
            return null;
        });
        return getSamlProvider(arn);
    }

    /** The provider whose {@code SAMLProviderUUID} is {@code uuid} (the IdP-ID of its ACS URL). */
    Optional<SamlProvider> findSamlProviderByUuid(String uuid) {
        return store.findProviderByUuid(uuid).map(row -> provider(row, parsed.get(row.metadata(), IdpMetadataReader::read)));
    }

    /** @throws AwsError NoSuchEntity when there is no provider with this ARN */
    SamlProvider getSamlProvider(String arn) {
        return findSamlProvider(arn).orElseThrow(() -> AwsError.noSuchEntity("SAMLProvider " + arn + " does not exist."));
    }

    Optional<SamlProvider> findSamlProvider(String arn) {
        if (arn == null) {
            return Optional.empty();
        }
        return store.findProvider(arn).map(row -> provider(row, parsed.get(row.metadata(), IdpMetadataReader::read)));
    }

    List<SamlProvider> listSamlProviders(String accountId) {
        return store.listProviders(accountId).stream().map(row -> provider(row, parsed.get(row.metadata(), IdpMetadataReader::read))).toList();
    }

    /** Roles that trust the provider are left as they are, as on AWS: their later sign-ins fail. */
    void deleteSamlProvider(String arn) {
        store.inTransaction(h -> {
            if (arn == null || !store.deleteProvider(h, arn)) {
                throw AwsError.noSuchEntity("SAMLProvider " + arn + " does not exist.");
            }
            tags.deleteAll(h, arn);
            return null;
        });
    }

    private static IdpMetadata readMetadata(String xml) {
        IdpMetadata metadata;
        try {
            metadata = IdpMetadataReader.read(xml);
        } catch (IllegalArgumentException e) {
            throw new IamService.MetadataRefused(e.getMessage());
        }
        // AWS's documented errors for Create/UpdateSAMLProvider name LimitExceeded for limits; the exact text AWS
        // sends is not documented, so this one follows its quota messages.
        if (metadata.signingCertificates().size() > MAX_SIGNING_CERTIFICATES) {
            throw AwsError.limitExceeded("Cannot exceed quota for SigningCertificatesPerSAMLProvider: " + MAX_SIGNING_CERTIFICATES);
        }
        return metadata;
    }

    private static Instant validUntil(IdpMetadata metadata, Instant now) {
        // Observed on AWS: metadata without validUntil yields a provider valid for about 100 years.
        return metadata.validUntil() != null ? metadata.validUntil() : now.atOffset(ZoneOffset.UTC).plusYears(100).toInstant();
    }

    private SamlProvider provider(ProviderRow row, IdpMetadata metadata) {
        return new SamlProvider(row.accountId(), row.name(), row.arn(), row.uuid(), row.metadata(), row.entityId(),
                metadata.signingCertificates(), row.validUntil(), row.createdAt(), row.encryptionMode(), encryption.keys(row.arn()));
    }
}
