package dev.gatehouse.awsemulator.sts;

import dev.gatehouse.awsemulator.core.AwsError;

/**
 * Told what the console sign-in did, so an event trail can keep it: on AWS a SAML sign-in to the console is an
 * {@code AssumeRoleWithSAML} call (success or refusal) followed, when it succeeds, by a {@code ConsoleLogin}.
 * The Query API's calls reach the trail through the query room instead.
 */
public interface SignInTrail {

    /** Where a sign-in came from. */
    record Client(String sourceIp, String userAgent) {
    }

    /**
     * @param result the issued session, or {@code null} when {@code refusal} is set
     * @param pair   the role pair STS was asked for
     */
    void assumeRoleWithSaml(RolePair pair, Integer durationSeconds, AssumeRoleWithSaml.Result result, AwsError refusal, Client client);

    /** The console session that followed a successful AssumeRoleWithSAML. */
    void consoleLogin(IssuedSession session, String providerArn, String loginTo, Client client);

    SignInTrail NONE = new SignInTrail() {
        @Override
        public void assumeRoleWithSaml(RolePair pair, Integer durationSeconds, AssumeRoleWithSaml.Result result, AwsError refusal, Client client) {
        }

        @Override
        public void consoleLogin(IssuedSession session, String providerArn, String loginTo, Client client) {
        }
    };
}
