package dev.gatehouse.awsside;

import dev.gatehouse.apps.App;
import dev.gatehouse.awsaccess.AwsRole;
import dev.gatehouse.awsaccess.StsExchange;
import dev.gatehouse.directory.UserClaims;
import dev.gatehouse.idp.Authentication;
import dev.gatehouse.idp.SignInRefusedException;
import dev.gatehouse.idp.SingleSignOn;
import dev.gatehouse.keys.SigningKey;
import dev.gatehouse.samlxml.SamlNames;

import java.time.Clock;

/**
 * A test sign-in in the account: an assertion for a chosen user, signed (with a given key, or the active one)
 * through the idp's named steps, exchanged by an unsigned AssumeRoleWithSAML at the connection's STS endpoint; the
 * credentials are thrown away. Key rotation runs it with the NEXT key before promoting it; *Check setup* runs it
 * for the user the admin picks. Thread-safe.
 */
public final class TestSignIn {
    /** What the test found: whether STS gave credentials, and STS's answer or why it could not be asked. */
    public record Result(boolean ok, String message) {
    }

    private final SingleSignOn sso;
    private final StsExchange sts;
    private final Clock clock;

    public TestSignIn(SingleSignOn sso, StsExchange sts, Clock clock) {
        this.sso = sso;
        this.sts = sts;
        this.clock = clock;
    }

    /**
     * @param key         the key to sign with; {@code null}: the active key
     * @param requestedBy the administrator (or {@code key-rotation}) asking, audited as the assertion's actor
     */
    public Result run(App app, UserClaims user, AwsTarget target, AwsConnection connection, SigningKey key, String requestedBy) {
        SingleSignOn.Launch launch;
        try {
            launch = sso.testAssertion(app.id(), user, new Authentication(clock.instant(), SamlNames.AC_PASSWORD_PROTECTED), key,
                    requestedBy);
        } catch (SignInRefusedException e) {
            return new Result(false, "No assertion could be made for " + user.userName() + ": " + e.getMessage());
        }
        AwsRole role = new AwsRole(app.id(), app.displayName(), target.accountId(), target.roleName(), target.roleArn(),
                target.providerArn(), connection.stsEndpoint(), target.sessionDurationSeconds(), false);
        try {
            sts.assumeRoleWithSaml(role, launch.samlResponse()); // the credentials are dropped here, unused
            return new Result(true, "AssumeRoleWithSAML as " + user.userName() + " into " + target.roleArn() + " succeeded"
                    + (key == null ? "." : " with key " + key.id() + "."));
        } catch (StsExchange.StsException e) {
            return new Result(false, e.getMessage());
        }
    }
}
