package dev.gatehouse.idp;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.Applications;
import dev.gatehouse.apps.Assignments;
import dev.gatehouse.apps.AwsAccountCatalogTemplate;
import dev.gatehouse.apps.AwsCatalog;
import dev.gatehouse.apps.AwsSamlRules;
import dev.gatehouse.apps.EntitledRole;
import dev.gatehouse.apps.NotEntitledException;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.directory.UserClaims;
import dev.gatehouse.keys.SigningKey;
import dev.gatehouse.keys.SigningKeyStore;
import dev.gatehouse.samlxml.SamlNames;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns "this user opens this application" into a signed SAML response ready for the POST binding: checks the
 * assignment, applies the mappings, builds and signs, and records the launch. IdP- and SP-initiated sign-ins
 * both end here. Thread-safe.
 */
public final class SingleSignOn {
    /** A response ready to post: base64 of the XML, where it goes, and what to echo as RelayState. */
    public record Launch(App app, String acsUrl, String samlResponse, String relayState, String assertionId) {
    }

    private final Applications apps;
    private final Assignments assignments;
    private final SigningKeyStore keys;
    private final AttributeResolver resolver;
    private final ResponseBuilder builder;
    private final AuditLog audit;
    private final AwsCatalog catalog;

    public SingleSignOn(Applications apps, Assignments assignments, SigningKeyStore keys, AttributeResolver resolver,
                        ResponseBuilder builder, AuditLog audit, AwsCatalog catalog) {
        this.catalog = catalog;
        this.apps = apps;
        this.assignments = assignments;
        this.keys = keys;
        this.resolver = resolver;
        this.builder = builder;
        this.audit = audit;
    }

    /**
     * @param inResponseTo the AuthnRequest's ID for SP-initiated sign-in, {@code null} for a portal launch
     * @param relayState   what to echo; {@code null} uses the application's configured relay state
     */
    public Launch launch(String appId, UserClaims user, Authentication authentication, String inResponseTo,
                         String relayState) {
        return sign(appId, user, authentication, inResponseTo, relayState, "SSO_LAUNCH");
    }

    /**
     * A signed response for the command line ({@code gatehouse aws credentials}), which hands it to STS
     * AssumeRoleWithSAML itself: the same checks and named steps as a portal launch, audited as CLI_ASSERTION.
     */
    public Launch commandLineAssertion(String appId, UserClaims user, Authentication authentication) {
        return sign(appId, user, authentication, null, null, "CLI_ASSERTION");
    }

    /**
     * A test assertion for an assigned user, signed with {@code key} (a rotation's NEXT key, or the active one) through
     * the same checks and named steps as a launch, for a live AssumeRoleWithSAML whose credentials are thrown away.
     * Audited as TEST_ASSERTION, naming the key.
     */
    public Launch testAssertion(String appId, UserClaims user, Authentication authentication, SigningKey key, String requestedBy) {
        return sign(appId, user, authentication, null, null, "TEST_ASSERTION", key, requestedBy);
    }

    private Launch sign(String appId, UserClaims user, Authentication authentication, String inResponseTo,
                        String relayState, String auditType) {
        return sign(appId, user, authentication, inResponseTo, relayState, auditType, null, null);
    }

    /**
     * @param key         the key to sign with; {@code null}: the application's active key
     * @param requestedBy who asked for an assertion in the user's name (an administrator's test sign-in, key rotation),
     *                    audited as the actor; {@code null}: the user asked
     */
    private Launch sign(String appId, UserClaims user, Authentication authentication, String inResponseTo,
                        String relayState, String auditType, SigningKey key, String requestedBy) {
        App app = apps.findRecent(appId);
        if (app.template() instanceof AwsAccountCatalogTemplate) {
            // A catalog signs into one (account, role) at a time: launchRole, from the portal's AWS accounts view.
            throw new SignInRefusedException(409, app.displayName() + " is a catalog of AWS accounts: choose an account "
                    + "and a role on the AWS accounts page of the portal.");
        }
        if (!assignments.isAssigned(appId, user.userId(), user.groupIds())) {
            audit.record(user.userName(), "SSO_REFUSED", appId, "user is not assigned to " + app.displayName());
            // The audit entry names the application; the page does not, since this user may not know it exists.
            throw new SignInRefusedException(403, "You are not assigned to this application. Ask your administrator for access.");
        }
        SignInRequest request = new SignInRequest(app, user, relayState != null ? relayState : app.relayState(),
                inResponseTo, authentication);
        AssertionContent content;
        try {
            content = resolver.resolve(request, apps.mappings(app));
        } catch (SignInRefusedException e) {
            audit.record(user.userName(), "SSO_REFUSED", appId, e.getMessage());
            throw e;
        }
        ResponseBuilder.Built built = builder.build(request, content, key != null ? key : keys.activeKey(appId));
        audit.record(requestedBy != null ? requestedBy : user.userName(), auditType, appId, "assertion=" + built.assertionId()
                + (requestedBy != null ? " for=" + user.userName() : "")
                + (key != null ? " key=" + key.id() : "")
                + " acs=" + app.acsUrl()
                + " nameId=" + content.nameId()
                + " role=" + Objects.toString(content.attributeValue(AwsSamlRules.ROLE), "-")
                + " roleSessionName=" + Objects.toString(content.attributeValue(AwsSamlRules.ROLE_SESSION_NAME), "-")
                + " authnContext=" + authentication.contextClassRef()
                + (inResponseTo != null ? " inResponseTo=" + inResponseTo : ""));
        String encoded = Base64.getEncoder().encodeToString(built.xml().getBytes(StandardCharsets.UTF_8));
        return new Launch(app, app.acsUrl(), encoded, request.relayState(), built.assertionId());
    }

    /**
     * A launch of one (account, role) pair of an "AWS accounts" instance: the user must be entitled to it (else 403
     * and nothing is signed); the response goes to that account's sign-in endpoint and carries exactly one Role
     * value, that role's SessionDuration, and the instance's mappings (SourceIdentity, session tags, each judged
     * after its placeholders are filled). The audit entry names the account, role, SourceIdentity, tags and assertion.
     */
    public Launch launchRole(String appId, String accountId, String roleName, UserClaims user, Authentication authentication) {
        return signRole(appId, accountId, roleName, user, authentication, "SSO_LAUNCH");
    }

    /**
     * The command line's assertion for one (account, role) pair of an "AWS accounts" instance: the same checks and
     * steps as {@link #launchRole}, audited as CLI_ASSERTION.
     */
    public Launch commandLineRoleAssertion(String appId, String accountId, String roleName, UserClaims user,
                                           Authentication authentication) {
        return signRole(appId, accountId, roleName, user, authentication, "CLI_ASSERTION");
    }

    private Launch signRole(String appId, String accountId, String roleName, UserClaims user, Authentication authentication,
                            String auditType) {
        EntitledRole pair;
        try {
            pair = catalog.requireEntitled(user.userId(), user.groupIds(), appId, accountId, roleName);
        } catch (NotEntitledException e) {
            audit.record(user.userName(), "SSO_REFUSED", appId, "not entitled to account=" + accountId + " role=" + roleName);
            throw new SignInRefusedException(403, e.getMessage());
        }
        App app = pair.app();
        SignInRequest request = new SignInRequest(app, user, pair.role().relayState(), null, authentication,
                new SignInRequest.Target(pair.account().signInUrl(), app.audience(), pair.role().sessionDurationSeconds()));
        AssertionContent content;
        try {
            content = CatalogAttributes.addRole(resolver.resolve(request, apps.mappings(app)), pair);
        } catch (SignInRefusedException e) {
            audit.record(user.userName(), "SSO_REFUSED", appId, "account=" + accountId + " role=" + roleName + ": " + e.getMessage());
            throw e;
        }
        ResponseBuilder.Built built = builder.build(request, content, keys.activeKey(appId));
        audit.record(user.userName(), auditType, appId, "assertion=" + built.assertionId()
                + " account=" + pair.account().accountId()
                + " nameId=" + content.nameId()
                + " role=" + pair.account().roleArn(pair.role().roleName())
                + " acs=" + pair.account().signInUrl()
                + " sourceIdentity=" + Objects.toString(content.attributeValue(AwsSamlRules.SOURCE_IDENTITY), "-")
                + " sessionTags=" + CatalogAttributes.describeTags(content)
                + " roleSessionName=" + Objects.toString(content.attributeValue(AwsSamlRules.ROLE_SESSION_NAME), "-")
                + " authnContext=" + authentication.contextClassRef());
        catalog.recordUse(user.userId(), pair);
        String encoded = Base64.getEncoder().encodeToString(built.xml().getBytes(StandardCharsets.UTF_8));
        return new Launch(app, pair.account().signInUrl(), encoded, request.relayState(), built.assertionId());
    }

    /**
     * Checks an AuthnRequest against the application it was sent to.
     *
     * @throws SignInRefusedException (400) with a message naming what did not match
     */
    public App acceptAuthnRequest(String appId, AuthnRequestReader.AuthnRequest request, String ssoUrl) {
        App app = apps.find(appId);
        Optional<String> refusal = app.template().spInitiatedRefusal(app);
        if (refusal.isPresent()) {
            throw new SignInRefusedException(400, refusal.get());
        }
        if (!app.audience().equals(request.issuer())) {
            throw new SignInRefusedException(400, "The AuthnRequest's Issuer \"" + request.issuer()
                    + "\" is not the SAML audience registered for " + app.displayName() + ".");
        }
        if (request.acsUrl() != null && !app.acsUrl().equals(request.acsUrl())) {
            throw new SignInRefusedException(400, "The AuthnRequest asks for the response at \"" + request.acsUrl()
                    + "\", which is not the ACS URL registered for " + app.displayName() + ".");
        }
        if (request.destination() != null && !ssoUrl.equals(request.destination())) {
            throw new SignInRefusedException(400, "The AuthnRequest was addressed to \"" + request.destination()
                    + "\", not to this sign-in endpoint.");
        }
        if (request.protocolBinding() != null
                && !SamlNames.BINDING_POST.equals(request.protocolBinding())) {
            throw new SignInRefusedException(400, "Only the HTTP-POST binding is supported for responses.");
        }
        return app;
    }
}
