package dev.gatehouse.awsemulator.iam;

import dev.gatehouse.awsemulator.iam.IamStore.ProviderRow;
import dev.gatehouse.awsemulator.query.AwsError;
import dev.gatehouse.samlxml.IdpMetadataReader;
import dev.gatehouse.samlxml.IdpMetadataReader.IdpMetadata;
import org.jdbi.v3.core.Jdbi;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * IAM's operations without HTTP: SAML providers, policies, roles and attachments, validated as AWS validates them
 * (model constraints, policy grammar, quotas, conflicts). Every refusal is an {@link AwsError} with IAM's code and
 * changes nothing. Thread-safe.
 */
public final class IamService {
    static final int MAX_PROVIDERS = 100;
    static final int MAX_POLICIES_PER_ROLE = 10;
    static final int MAX_TRUST_POLICY_CHARS = 2048;
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final IamStore store;
    private final Clock clock;
    private final SecureRandom random;

    public IamService(Jdbi jdbi, Clock clock, SecureRandom random) {
        this.store = new IamStore(jdbi);
        this.clock = clock;
        this.random = random;
    }

    // --- SAML providers

    public SamlProvider createSamlProvider(String accountId, String name, String metadataXml) {
        new IamConstraints().required("name", name).length("name", name, 1, 128)
                .pattern("name", name, IamConstraints.PROVIDER_NAME_PATTERN)
                .required("sAMLMetadataDocument", metadataXml).length("sAMLMetadataDocument", metadataXml, 1000, 10_000_000)
                .check();
        IdpMetadata metadata = readMetadata(metadataXml);
        Instant now = now();
        ProviderRow row = new ProviderRow(accountId, name, Arn.samlProvider(accountId, name), "SAMLSP" + randomId(16),
                metadataXml, metadata.entityId(), validUntil(metadata, now), now);
        store.inTransaction(h -> {
            if (store.providerNameTaken(h, accountId, name)) {
                throw AwsError.entityAlreadyExists("SAMLProvider " + name + " already exists.");
            }
            if (store.countProviders(h, accountId) >= MAX_PROVIDERS) {
                throw AwsError.limitExceeded("Cannot exceed quota for SAMLProvidersPerAccount: " + MAX_PROVIDERS);
            }
            store.insertProvider(h, row);
            return null;
        });
        return provider(row, metadata);
    }

    public SamlProvider updateSamlProvider(String arn, String metadataXml) {
        new IamConstraints().required("sAMLProviderArn", arn).length("sAMLProviderArn", arn, 20, 2048)
                .required("sAMLMetadataDocument", metadataXml).length("sAMLMetadataDocument", metadataXml, 1000, 10_000_000)
                .check();
        getSamlProvider(arn);
        IdpMetadata metadata = readMetadata(metadataXml);
        Instant validUntil = validUntil(metadata, now());
        store.inTransaction(h -> {
            store.updateProvider(h, arn, metadataXml, metadata.entityId(), validUntil);
            return null;
        });
        return getSamlProvider(arn);
    }

    /** @throws AwsError NoSuchEntity when there is no provider with this ARN */
    public SamlProvider getSamlProvider(String arn) {
        return findSamlProvider(arn).orElseThrow(() -> AwsError.noSuchEntity("SAMLProvider " + arn + " does not exist."));
    }

    public Optional<SamlProvider> findSamlProvider(String arn) {
        if (arn == null) {
            return Optional.empty();
        }
        return store.findProvider(arn).map(row -> provider(row, IdpMetadataReader.read(row.metadata())));
    }

    public List<SamlProvider> listSamlProviders(String accountId) {
        return store.listProviders(accountId).stream().map(row -> provider(row, IdpMetadataReader.read(row.metadata()))).toList();
    }

    /** Roles that trust the provider are left as they are, as on AWS: their later sign-ins fail. */
    public void deleteSamlProvider(String arn) {
        if (arn == null || !store.deleteProvider(arn)) {
            throw AwsError.noSuchEntity("SAMLProvider " + arn + " does not exist.");
        }
    }

    private static IdpMetadata readMetadata(String xml) {
        try {
            return IdpMetadataReader.read(xml);
        } catch (IllegalArgumentException e) {
            throw new MetadataRefused(e.getMessage());
        }
    }

    /** Metadata AWS would not accept: InvalidInput "Could not parse metadata", with our reason kept for pages. */
    public static final class MetadataRefused extends AwsError {
        private final String reason;

        MetadataRefused(String reason) {
            super("InvalidInput", "Could not parse metadata", 400);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    private static Instant validUntil(IdpMetadata metadata, Instant now) {
        // Observed on AWS: metadata without validUntil yields a provider valid for about 100 years.
        return metadata.validUntil() != null ? metadata.validUntil() : now.atOffset(ZoneOffset.UTC).plusYears(100).toInstant();
    }

    private static SamlProvider provider(ProviderRow row, IdpMetadata metadata) {
        return new SamlProvider(row.accountId(), row.name(), row.arn(), row.uuid(), row.metadata(), row.entityId(),
                metadata.signingCertificates(), row.validUntil(), row.createdAt());
    }

    // --- policies

    public IamPolicy createPolicy(String accountId, String name, String path, String document, String description) {
        String p = path == null ? "/" : path;
        new IamConstraints().required("policyName", name).length("policyName", name, 1, 128)
                .pattern("policyName", name, IamConstraints.NAME_PATTERN)
                .length("path", p, 1, 512).pattern("path", p, IamConstraints.POLICY_PATH_PATTERN)
                .required("policyDocument", document).length("policyDocument", document, 1, 131_072)
                .pattern("policyDocument", document, IamConstraints.DOCUMENT_PATTERN)
                .length("description", description, 0, 1000).pattern("description", description, IamConstraints.DESCRIPTION_PATTERN)
                .check();
        parse(() -> PolicyDocument.parseIdentityPolicy(document));
        IamPolicy policy = new IamPolicy(accountId, name, p, "ANPA" + randomId(17), Arn.policy(accountId, p, name), "v1",
                document, 0, now());
        store.inTransaction(h -> {
            if (store.policyNameTaken(h, accountId, name)) {
                throw AwsError.entityAlreadyExists("A policy called " + name + " already exists. Duplicate names are not allowed.");
            }
            store.insertPolicy(h, policy, description);
            return null;
        });
        return policy;
    }

    public IamPolicy getPolicy(String arn) {
        return (arn == null ? Optional.<IamPolicy>empty() : store.findPolicy(arn))
                .orElseThrow(() -> AwsError.noSuchEntity("Policy " + arn + " does not exist or is not attachable."));
    }

    public Optional<String> policyDescription(String arn) {
        return store.policyDescription(arn);
    }

    public List<IamPolicy> listPolicies(String accountId) {
        return store.listPolicies(accountId);
    }

    public void deletePolicy(String arn) {
        store.inTransaction(h -> {
            IamPolicy policy = store.findPolicy(h, arn)
                    .orElseThrow(() -> AwsError.noSuchEntity("Policy " + arn + " was not found."));
            if (policy.attachmentCount() > 0) {
                throw AwsError.deleteConflict("Cannot delete a policy attached to entities.");
            }
            store.deletePolicy(h, policy.policyId());
            return null;
        });
    }

    // --- roles

    /** @param maxSessionDuration seconds, or {@code null} for the default 3600 */
    public IamRole createRole(String accountId, String name, String path, String trustPolicy, Integer maxSessionDuration,
                              String description) {
        String p = path == null ? "/" : path;
        int max = maxSessionDuration == null ? 3600 : maxSessionDuration;
        new IamConstraints().required("roleName", name).length("roleName", name, 1, 64)
                .pattern("roleName", name, IamConstraints.NAME_PATTERN)
                .length("path", p, 1, 512).pattern("path", p, IamConstraints.ROLE_PATH_PATTERN)
                .required("assumeRolePolicyDocument", trustPolicy).length("assumeRolePolicyDocument", trustPolicy, 1, 131_072)
                .pattern("assumeRolePolicyDocument", trustPolicy, IamConstraints.DOCUMENT_PATTERN)
                .range("maxSessionDuration", max, 3600, 43200)
                .length("description", description, 0, 1000).pattern("description", description, IamConstraints.DESCRIPTION_PATTERN)
                .check();
        checkTrustPolicy(accountId, trustPolicy);
        IamRole role = new IamRole(accountId, name, p, "AROA" + randomId(17), Arn.role(accountId, p, name), trustPolicy, max,
                description, now());
        store.inTransaction(h -> {
            if (store.findRoleByKey(h, accountId, name).isPresent()) {
                throw AwsError.entityAlreadyExists("Role with name " + name + " already exists.");
            }
            store.insertRole(h, role);
            return null;
        });
        return role;
    }

    /** Exact, case-sensitive name. @throws AwsError NoSuchEntity */
    public IamRole getRole(String accountId, String roleName) {
        return store.findRoleByKey(accountId, roleName == null ? "" : roleName)
                .filter(r -> r.roleName().equals(roleName))
                .orElseThrow(() -> AwsError.noSuchEntity("The role with name " + roleName + " cannot be found."));
    }

    /** The role whose ARN is exactly {@code roleArn} (the name compared case-sensitively). */
    public Optional<IamRole> findRoleByArn(String roleArn) {
        Arn arn;
        try {
            arn = Arn.parse(roleArn);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!arn.resourceType().equals("role")) {
            return Optional.empty();
        }
        return store.findRoleByKey(arn.accountId(), arn.name()).filter(r -> r.arn().equals(roleArn));
    }

    public List<IamRole> listRoles(String accountId) {
        return store.listRoles(accountId);
    }

    public void deleteRole(String accountId, String roleName) {
        IamRole role = getRole(accountId, roleName);
        store.inTransaction(h -> {
            if (!store.attachedPolicies(h, role.roleId()).isEmpty()) {
                throw AwsError.deleteConflict("Cannot delete entity, must detach all policies first.");
            }
            store.deleteRole(h, role.roleId());
            return null;
        });
    }

    public void updateAssumeRolePolicy(String accountId, String roleName, String policyDocument) {
        new IamConstraints().required("roleName", roleName).length("roleName", roleName, 1, 64)
                .pattern("roleName", roleName, IamConstraints.NAME_PATTERN)
                .required("policyDocument", policyDocument).length("policyDocument", policyDocument, 1, 131_072)
                .pattern("policyDocument", policyDocument, IamConstraints.DOCUMENT_PATTERN)
                .check();
        IamRole role = getRole(accountId, roleName);
        checkTrustPolicy(accountId, policyDocument);
        store.inTransaction(h -> {
            store.updateTrust(h, role.roleId(), policyDocument);
            return null;
        });
    }

    public void attachRolePolicy(String accountId, String roleName, String policyArn) {
        checkRoleAndPolicyArn(roleName, policyArn);
        IamRole role = getRole(accountId, roleName);
        store.inTransaction(h -> {
            IamPolicy policy = store.findPolicy(h, policyArn).filter(p -> p.accountId().equals(accountId))
                    .orElseThrow(() -> AwsError.noSuchEntity("Policy " + policyArn + " does not exist or is not attachable."));
            List<IamPolicy> attached = store.attachedPolicies(h, role.roleId());
            if (attached.stream().noneMatch(p -> p.policyId().equals(policy.policyId())) && attached.size() >= MAX_POLICIES_PER_ROLE) {
                throw AwsError.limitExceeded("Cannot exceed quota for PoliciesPerRole: " + MAX_POLICIES_PER_ROLE);
            }
            store.attach(h, role.roleId(), policy.policyId(), now());
            return null;
        });
    }

    public void detachRolePolicy(String accountId, String roleName, String policyArn) {
        checkRoleAndPolicyArn(roleName, policyArn);
        IamRole role = getRole(accountId, roleName);
        store.inTransaction(h -> {
            Optional<IamPolicy> policy = store.findPolicy(h, policyArn);
            if (policy.isEmpty() || !store.detach(h, role.roleId(), policy.get().policyId())) {
                throw AwsError.noSuchEntity("Policy " + policyArn + " was not found.");
            }
            return null;
        });
    }

    public List<IamPolicy> listAttachedRolePolicies(String accountId, String roleName) {
        IamRole role = getRole(accountId, roleName);
        return store.inTransaction(h -> store.attachedPolicies(h, role.roleId()));
    }

    private static void checkRoleAndPolicyArn(String roleName, String policyArn) {
        new IamConstraints().required("roleName", roleName).length("roleName", roleName, 1, 64)
                .pattern("roleName", roleName, IamConstraints.NAME_PATTERN)
                .required("policyArn", policyArn).length("policyArn", policyArn, 20, 2048)
                .check();
        try {
            Arn.parse(policyArn);
        } catch (IllegalArgumentException e) {
            throw AwsError.invalidInput("ARN " + policyArn + " is not valid.");
        }
    }

    /** The grammar, the quota on trust-policy size, and SAML providers of this account that must exist. */
    private void checkTrustPolicy(String accountId, String document) {
        PolicyDocument policy = parse(() -> PolicyDocument.parseTrustPolicy(document));
        if (document.replaceAll("\\s", "").length() > MAX_TRUST_POLICY_CHARS) {
            throw AwsError.limitExceeded("Cannot exceed quota for ACLSizePerRole: " + MAX_TRUST_POLICY_CHARS);
        }
        for (PolicyDocument.Statement s : policy.statements()) {
            if (s.principal() == null) {
                continue;
            }
            for (String federated : s.principal().getOrDefault("Federated", List.of())) {
                if (federated.startsWith("arn:aws:iam::" + accountId + ":saml-provider/") && store.findProvider(federated).isEmpty()) {
                    throw AwsError.malformedPolicyDocument("Invalid principal in policy: \"FEDERATED\":\"" + federated + "\"");
                }
            }
        }
    }

    private static PolicyDocument parse(java.util.function.Supplier<PolicyDocument> parser) {
        try {
            return parser.get();
        } catch (MalformedPolicyDocumentException e) {
            throw AwsError.malformedPolicyDocument(e.getMessage());
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    private String randomId(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return b.toString();
    }
}
