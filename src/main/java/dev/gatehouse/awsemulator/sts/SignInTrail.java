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
     * A sign-in: STS issued {@code result} for {@code pair} and the console session opens {@code loginTo}.
     *
     * @param pair the role pair STS was asked for
     */
    void signedIn(RolePair pair, int durationSeconds, AssumeRoleWithSaml.Result result, String loginTo, Client client);

    /** STS refused {@code pair}; no console session starts. */
    void refused(RolePair pair, int durationSeconds, AwsError refusal, Client client);

    SignInTrail NONE = new SignInTrail() {
        @Override
        public void signedIn(RolePair pair, int durationSeconds, AssumeRoleWithSaml.Result result, String loginTo, Client client) {
        }

        @Override
        public void refused(RolePair pair, int durationSeconds, AwsError refusal, Client client) {
        }
    };
}
