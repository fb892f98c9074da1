package dev.gatehouse.awsemulator.iam;

import dev.gatehouse.awsemulator.core.Arn;
import dev.gatehouse.awsemulator.core.AwsError;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * IAM's managed-policy operations behind {@link IamService}: create, read, list and delete, refusing to delete a
 * policy that is still attached.
 */
final class IamPolicies {
    private final IamStore store;
    private final RolePolicyStore rolePolicies;
    private final IamTags tags;
    private final IamIdentifiers ids;

    IamPolicies(IamStore store, RolePolicyStore rolePolicies, IamTags tags, IamIdentifiers ids) {
        this.store = store;
        this.rolePolicies = rolePolicies;
        this.tags = tags;
        this.ids = ids;
    }

    IamPolicy createPolicy(String accountId, String name, String path, String document, String description, List<IamTag> policyTags) {
        String p = path == null ? "/" : path;
        new IamConstraints().required("policyName", name).length("policyName", name, 1, 128)
                .pattern("policyName", name, IamConstraints.NAME_PATTERN)
                .length("path", p, 1, 512).pattern("path", p, IamConstraints.POLICY_PATH_PATTERN)
                .required("policyDocument", document).length("policyDocument", document, 1, 131_072)
                .pattern("policyDocument", document, IamConstraints.DOCUMENT_PATTERN)
                .length("description", description, 0, 1000).pattern("description", description, IamConstraints.DESCRIPTION_PATTERN)
                .check();
        IamTags.check(policyTags);
        parse(() -> PolicyDocument.parseIdentityPolicy(document));
        IamPolicy policy = new IamPolicy(accountId, name, p, "ANPA" + ids.randomId(17), Arn.policy(accountId, p, name), "v1",
                document, 0, 0, ids.now(), ids.now());
        store.inTransaction(h -> {
            if (store.policyNameTaken(h, accountId, name)) {
                throw AwsError.entityAlreadyExists("A policy called " + name + " already exists. Duplicate names are not allowed.");
            }
            store.insertPolicy(h, policy, description);
            tags.tag(h, policy.arn(), policyTags, "TagsPerPolicy");
            return null;
        });
        return policy;
    }

    IamPolicy getPolicy(String arn) {
        return (arn == null ? Optional.<IamPolicy>empty() : store.findPolicy(arn))
                .orElseThrow(() -> AwsError.noSuchEntity("Policy " + arn + " does not exist or is not attachable."));
    }

    /** A customer-managed policy, or an AWS managed one with its counts in {@code accountId}. @throws AwsError NoSuchEntity */
    IamPolicy getPolicy(String accountId, String arn) {
        return findPolicy(accountId, arn)
                .orElseThrow(() -> AwsError.noSuchEntity("Policy " + arn + " does not exist or is not attachable."));
    }

    Optional<IamPolicy> findPolicy(String accountId, String arn) {
        if (arn == null) {
            return Optional.empty();
        }
        Optional<AwsManagedPolicies.Entry> aws = AwsManagedPolicies.find(arn);
        if (aws.isPresent()) {
            return Optional.of(store.inTransaction(h -> awsPolicy(h, accountId, aws.get())));
        }
        return store.findPolicy(arn);
    }

    /** AWS managed policies as IamPolicy, with the account's attachment and boundary counts. */
    List<IamPolicy> listAwsPolicies(String accountId) {
        return store.inTransaction(h -> {
            java.util.Set<String> attached = new java.util.HashSet<>(rolePolicies.awsArnsAttachedIn(h, accountId));
            java.util.Set<String> boundaries = new java.util.HashSet<>(rolePolicies.awsBoundariesIn(h, accountId));
            List<IamPolicy> out = new java.util.ArrayList<>();
            for (AwsManagedPolicies.Entry e : AwsManagedPolicies.all()) {
                boolean used = attached.contains(e.arn()) || boundaries.contains(e.arn());
                out.add(used ? awsPolicy(h, accountId, e) : awsPolicy(e, 0, 0));
            }
            return out;
        });
    }

    private IamPolicy awsPolicy(org.jdbi.v3.core.Handle h, String accountId, AwsManagedPolicies.Entry e) {
        return awsPolicy(e, rolePolicies.awsAttachmentCount(h, accountId, e.arn()), rolePolicies.boundaryUsageCount(h, accountId, e.arn()));
    }

    private static IamPolicy awsPolicy(AwsManagedPolicies.Entry e, int attachments, int boundaries) {
        return new IamPolicy(AwsManagedPolicies.ACCOUNT, e.name(), e.path(), e.policyId(), e.arn(), e.defaultVersionId(),
                e.document(), attachments, boundaries, e.createDate(), e.updateDate());
    }

    /**
     * The ARN to store as a role's permissions boundary: a managed policy of the account or of AWS. Anything else
     * is refused with AWS's text for PutRolePermissionsBoundary and CreateRole alike.
     */
    String boundaryArn(String accountId, String arn) {
        if (arn == null) {
            return null;
        }
        return findPolicy(accountId, arn).filter(p -> p.awsManaged() || p.accountId().equals(accountId)).map(IamPolicy::arn)
                .orElseThrow(() -> AwsError.invalidInput("ARN " + arn + " is not valid."));
    }

    Optional<String> policyDescription(String arn) {
        return store.policyDescription(arn);
    }

    List<IamPolicy> listPolicies(String accountId) {
        return store.listPolicies(accountId);
    }

    void deletePolicy(String arn) {
        store.inTransaction(h -> {
            IamPolicy policy = store.findPolicy(h, arn)
                    .orElseThrow(() -> AwsError.noSuchEntity("Policy " + arn + " was not found."));
            if (policy.attachmentCount() > 0 || policy.boundaryUsageCount() > 0) {
                throw AwsError.deleteConflict("Cannot delete a policy attached to entities.");
            }
            store.deletePolicy(h, policy.policyId());
            tags.deleteAll(h, policy.arn());
            return null;
        });
    }

    /** Runs a policy parser, turning a grammar refusal into IAM's MalformedPolicyDocument error. */
    static PolicyDocument parse(Supplier<PolicyDocument> parser) {
        try {
            return parser.get();
        } catch (MalformedPolicyDocumentException e) {
            throw AwsError.malformedPolicyDocument(e.getMessage());
        }
    }
}
