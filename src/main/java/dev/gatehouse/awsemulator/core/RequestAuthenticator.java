package dev.gatehouse.awsemulator.core;

/**
 * Decides who signed a request. The Query API asks it for every operation that requires a signature; the account
 * room answers with AWS Signature Version 4.
 */
public interface RequestAuthenticator {

    /**
     * @param service the signing name the credential scope must carry, e.g. {@code iam} or {@code sts}
     * @return who signed the request
     * @throws AwsError with AWS's code when the request is unsigned, badly signed, or signed with an unknown,
     *                  expired or incomplete credential
     */
    CallerIdentity authenticate(SignedRequest request, String service);
}
