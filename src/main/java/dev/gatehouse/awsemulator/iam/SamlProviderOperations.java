package dev.gatehouse.awsemulator.iam;

import dev.gatehouse.awsemulator.core.CallerIdentity;
import dev.gatehouse.awsemulator.query.QueryRequest;
import dev.gatehouse.awsemulator.query.ResultXml;

import static dev.gatehouse.awsemulator.iam.IamQueryOperations.ownArn;

/** IAM's SAML-provider actions on the Query API. ListSAMLProviders has no paging in IAM's model, so none here. */
final class SamlProviderOperations {
    private final IamService iam;

    SamlProviderOperations(IamService iam) {
        this.iam = iam;
    }

    String createSamlProvider(QueryRequest r, CallerIdentity caller) {
        SamlProvider p = iam.createSamlProvider(caller.accountId(), r.param("Name"), r.param("SAMLMetadataDocument"),
                TagOperations.tags(r), r.param("AssertionEncryptionMode"), r.param("AddPrivateKey"), r.param("RemovePrivateKey"));
        ResultXml x = new ResultXml().element("SAMLProviderArn", p.arn());
        return TagOperations.writeTags(x, iam.listTags(p.arn())).toString();
    }

    String getSamlProvider(QueryRequest r, CallerIdentity caller) {
        SamlProvider p = iam.getSamlProvider(ownArn(r.param("SAMLProviderArn"), "sAMLProviderArn", caller, "GetSAMLProvider"));
        ResultXml x = new ResultXml().element("SAMLProviderUUID", p.uuid()).element("SAMLMetadataDocument", p.metadataDocument())
                .element("CreateDate", p.createDate()).element("ValidUntil", p.validUntil());
        if (p.encryptionMode() != null) {
            x.element("AssertionEncryptionMode", p.encryptionMode());
        }
        // Only each key's ID and upload time: the key itself is never answered, as on AWS.
        x.open("PrivateKeyList");
        for (SamlProviderKey key : p.privateKeys()) {
            x.open("member").element("KeyId", key.keyId()).element("Timestamp", key.timestamp()).close("member");
        }
        x.close("PrivateKeyList");
        return TagOperations.writeTags(x, iam.listTags(p.arn())).toString();
    }

    String listSamlProviders(QueryRequest r, CallerIdentity caller) {
        ResultXml x = new ResultXml().open("SAMLProviderList");
        for (SamlProvider p : iam.listSamlProviders(caller.accountId())) {
            x.open("member").element("Arn", p.arn()).element("ValidUntil", p.validUntil()).element("CreateDate", p.createDate()).close("member");
        }
        return x.close("SAMLProviderList").toString();
    }

    /** Every member but the ARN is optional, as in IAM's model: each one absent leaves that part as it is. */
    String updateSamlProvider(QueryRequest r, CallerIdentity caller) {
        String arn = ownArn(r.param("SAMLProviderArn"), "sAMLProviderArn", caller, "UpdateSAMLProvider");
        SamlProvider p = iam.updateSamlProvider(arn, r.param("SAMLMetadataDocument"), r.param("AssertionEncryptionMode"),
                r.param("AddPrivateKey"), r.param("RemovePrivateKey"));
        return new ResultXml().element("SAMLProviderArn", p.arn()).toString();
    }

    String deleteSamlProvider(QueryRequest r, CallerIdentity caller) {
        iam.deleteSamlProvider(ownArn(r.param("SAMLProviderArn"), "sAMLProviderArn", caller, "DeleteSAMLProvider"));
        return null;
    }
}
