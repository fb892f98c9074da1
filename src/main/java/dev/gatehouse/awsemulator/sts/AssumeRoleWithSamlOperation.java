package dev.gatehouse.awsemulator.sts;

import dev.gatehouse.awsemulator.core.Arn;
import dev.gatehouse.awsemulator.core.CallerIdentity;
import dev.gatehouse.awsemulator.query.QueryRequest;
import dev.gatehouse.awsemulator.query.ResultXml;

import java.util.ArrayList;
import java.util.List;

/**
 * The Query API face of {@link AssumeRoleWithSaml}: unsigned (the assertion is the proof; an Authorization header,
 * if a client sends one anyway, is ignored), parameters as in the STS model, result as in aws-saml-spec §8.3.
 */
public final class AssumeRoleWithSamlOperation extends StsOperation {
    private final AssumeRoleWithSaml sts;

    public AssumeRoleWithSamlOperation(AssumeRoleWithSaml sts) {
        this.sts = sts;
    }

    @Override
    public String action() {
        return "AssumeRoleWithSAML";
    }

    @Override
    public Auth auth() {
        return Auth.NONE;
    }

    @Override
    public String handle(QueryRequest request, CallerIdentity caller) {
        List<String> policyArns = new ArrayList<>();
        for (int i = 1; request.param("PolicyArns.member." + i + ".arn") != null; i++) {
            policyArns.add(request.param("PolicyArns.member." + i + ".arn"));
        }
        AssumeRoleWithSaml.Result r = sts.assume(AssumeRoleWithSamlRequest.of(request.param("RoleArn"),
                request.param("PrincipalArn"), request.param("SAMLAssertion"), request.param("DurationSeconds"),
                request.param("Policy"), policyArns));
        IssuedSession s = r.session();
        return s.writeTo(new ResultXml())
                .element("PackedPolicySize", r.packedPolicySize())
                .element("Subject", r.subject())
                .element("SubjectType", r.subjectType())
                .element("Issuer", r.issuer())
                .element("Audience", r.audience())
                .element("NameQualifier", r.nameQualifier())
                .element("SourceIdentity", r.sourceIdentity())
                .toString();
    }
}
