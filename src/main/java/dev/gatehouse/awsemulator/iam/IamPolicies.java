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
    private final IamIdentifiers ids;

    IamPolicies(IamStore store, IamIdentifiers ids) {
        this.store = store;
        this.ids = ids;
    }

    IamPolicy createPolicy(String accountId, String name, String path, String document, String description) {
        String p = path == null ? "/" : path;
        new IamConstraints().required("policyName", name).length("policyName", name, 1, 128)
                .pattern("policyName", name, IamConstraints.NAME_PATTERN)
                .length("path", p, 1, 512).pattern("path", p, IamConstraints.POLICY_PATH_PATTERN)
                .required("policyDocument", document).length("policyDocument", document, 1, 131_072)
                .pattern("policyDocument", document, IamConstraints.DOCUMENT_PATTERN)
                .length("description", description, 0, 1000).pattern("description", description, IamConstraints.DESCRIPTION_PATTERN)
                .check();
        parse(() -> PolicyDocument.parseIdentityPolicy(document));
        IamPolicy policy = new IamPolicy(accountId, name, p, "ANPA" + ids.randomId(17), Arn.policy(accountId, p, name), "v1",
                document, 0, ids.now());
        store.inTransaction(h -> {
            if (store.policyNameTaken(h, accountId, name)) {
                throw AwsError.entityAlreadyExists("A policy called " + name + " already exists. Duplicate names are not allowed.");
            }
            store.insertPolicy(h, policy, description);
            return null;
        });
        return policy;
    }

    IamPolicy getPolicy(String arn) {
        return (arn == null ? Optional.<IamPolicy>empty() : store.findPolicy(arn))
                .orElseThrow(() -> AwsError.noSuchEntity("Policy " + arn + " does not exist or is not attachable."));
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
            if (policy.attachmentCount() > 0) {
                throw AwsError.deleteConflict("Cannot delete a policy attached to entities.");
            }
            store.deletePolicy(h, policy.policyId());
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
