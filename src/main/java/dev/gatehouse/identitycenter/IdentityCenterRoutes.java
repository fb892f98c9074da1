package dev.gatehouse.identitycenter;

import dev.gatehouse.admin.AppsAdminHandlers;
import dev.gatehouse.admin.AuditAdminHandlers;
import dev.gatehouse.admin.CatalogAdminHandlers;
import dev.gatehouse.admin.LdapAdminHandlers;
import dev.gatehouse.admin.ProvisioningAdminHandlers;
import dev.gatehouse.admin.GroupsAdminHandlers;
import dev.gatehouse.admin.SigningKeysAdminHandlers;
import dev.gatehouse.admin.TokensAdminHandlers;
import dev.gatehouse.admin.UsersAdminHandlers;
import dev.gatehouse.apps.AppsApiHandlers;
import dev.gatehouse.apps.CatalogApiHandlers;
import dev.gatehouse.awsaccess.AccessKeysHandlers;
import dev.gatehouse.awsaccess.AwsAccessHandlers;
import dev.gatehouse.devicelogin.DevicePageHandlers;
import dev.gatehouse.devicelogin.OAuthHandlers;
import dev.gatehouse.awsside.AwsSideHandlers;
import dev.gatehouse.awsside.EncryptionApiHandlers;
import dev.gatehouse.keyrotation.KeyRotationHandlers;
import dev.gatehouse.directory.ScimHandlers;
import dev.gatehouse.idp.IdpHandlers;
import dev.gatehouse.portal.AwsAccountsHandlers;
import dev.gatehouse.portal.PortalHandlers;
import dev.gatehouse.signin.SecurityAdminHandlers;
import dev.gatehouse.signin.SignInHandlers;
import dev.gatehouse.signin.factors.PasskeyAccountHandlers;
import dev.gatehouse.signin.factors.TotpAccountHandlers;
import dev.gatehouse.web.WebSecurity;
import dev.gatehouse.web.WebServer;
import io.javalin.config.JavalinConfig;

import static dev.gatehouse.web.Role.ADMIN;
import static dev.gatehouse.web.Role.ADMIN_API;
import static dev.gatehouse.web.Role.ANYONE;
import static dev.gatehouse.web.Role.PROTOCOL;
import static dev.gatehouse.web.Role.SIGNED_IN;
import static dev.gatehouse.web.Role.USER_API;

/**
 * Every URL of the identity center, each with the role allowed to call it. Reading this file tells what the
 * server exposes; {@link WebSecurity#guard} enforces the roles before any handler runs.
 */
final class IdentityCenterRoutes {
    private final WebSecurity security;
    private final PortalHandlers portal;
    private final SignInHandlers signIn;
    private final TotpAccountHandlers totpAccount;
    private final PasskeyAccountHandlers passkeyAccount;
    private final SecurityAdminHandlers securityAdmin;
    private final LdapAdminHandlers ldapAdmin;
    private final ProvisioningAdminHandlers provisioningAdmin;
    private final AwsSideHandlers awsSide;
    private final EncryptionApiHandlers encryptionApi;
    private final KeyRotationHandlers keyRotation;
    private final IdpHandlers idp;
    private final AppsApiHandlers appsApi;
    private final AppsAdminHandlers appsAdmin;
    private final SigningKeysAdminHandlers signingKeys;
    private final ScimHandlers scim;
    private final UsersAdminHandlers usersAdmin;
    private final GroupsAdminHandlers groupsAdmin;
    private final TokensAdminHandlers tokensAdmin;
    private final AuditAdminHandlers auditAdmin;
    private final AwsAccountsHandlers awsAccounts;
    private final CatalogApiHandlers catalogApi;
    private final CatalogAdminHandlers catalogAdmin;
    private final OAuthHandlers oauth;
    private final DevicePageHandlers devicePages;
    private final AwsAccessHandlers awsAccess;
    private final AccessKeysHandlers accessKeys;

    IdentityCenterRoutes(WebSecurity security, PortalHandlers portal, AwsAccountsHandlers awsAccounts, SignInHandlers signIn,
                         TotpAccountHandlers totpAccount, PasskeyAccountHandlers passkeyAccount, SecurityAdminHandlers securityAdmin, IdpHandlers idp,
                         AppsApiHandlers appsApi, CatalogApiHandlers catalogApi, AppsAdminHandlers appsAdmin,
                         CatalogAdminHandlers catalogAdmin, SigningKeysAdminHandlers signingKeys,
                         ScimHandlers scim, UsersAdminHandlers usersAdmin, GroupsAdminHandlers groupsAdmin,
                         TokensAdminHandlers tokensAdmin, AuditAdminHandlers auditAdmin, LdapAdminHandlers ldapAdmin,
                         ProvisioningAdminHandlers provisioningAdmin,
                         OAuthHandlers oauth, DevicePageHandlers devicePages, AwsAccessHandlers awsAccess,
                         AccessKeysHandlers accessKeys,
                         AwsSideHandlers awsSide, EncryptionApiHandlers encryptionApi, KeyRotationHandlers keyRotation) {
        this.keyRotation = keyRotation;
        this.security = security;
        this.portal = portal;
        this.signIn = signIn;
        this.totpAccount = totpAccount;
        this.passkeyAccount = passkeyAccount;
        this.securityAdmin = securityAdmin;
        this.idp = idp;
        this.appsApi = appsApi;
        this.appsAdmin = appsAdmin;
        this.signingKeys = signingKeys;
        this.scim = scim;
        this.usersAdmin = usersAdmin;
        this.groupsAdmin = groupsAdmin;
        this.tokensAdmin = tokensAdmin;
        this.auditAdmin = auditAdmin;
        this.ldapAdmin = ldapAdmin;
        this.awsAccounts = awsAccounts;
        this.catalogApi = catalogApi;
        this.catalogAdmin = catalogAdmin;
        this.provisioningAdmin = provisioningAdmin;
        this.oauth = oauth;
        this.devicePages = devicePages;
        this.awsAccess = awsAccess;
        this.accessKeys = accessKeys;
        this.awsSide = awsSide;
        this.encryptionApi = encryptionApi;
    }

    void register(JavalinConfig config) {
        var r = config.routes;
        r.beforeMatched(security::guard);
        r.beforeMatched(securityAdmin::requireEnrolment); // after the guard: needs the principal it found

        r.get("/healthz", WebServer::health, ANYONE);

        // Access portal and single sign-on
        r.get("/", portal::home, ANYONE);
        r.post("/login", signIn::portalSignIn, ANYONE);
        r.post("/login/passkey/options", signIn::passwordlessOptions, ANYONE);
        r.post("/login/passkey", signIn::passkeySignIn, ANYONE);
        r.post("/logout", signIn::portalSignOut, SIGNED_IN);
        r.get("/login/mfa", signIn::codeForm, ANYONE);
        r.post("/login/mfa", signIn::submitCode, ANYONE);
        r.post("/login/mfa/passkey", signIn::passkeyOptions, ANYONE);
        r.get("/account/mfa", totpAccount::account, SIGNED_IN);
        r.post("/account/mfa/setup", totpAccount::setup, SIGNED_IN);
        r.post("/account/mfa/confirm", totpAccount::confirm, SIGNED_IN);
        r.post("/account/mfa/disable", totpAccount::disable, SIGNED_IN);
        r.get("/account/passkeys", passkeyAccount::account, SIGNED_IN);
        r.post("/account/passkeys/options", passkeyAccount::options, SIGNED_IN);
        r.post("/account/passkeys/register", passkeyAccount::register, SIGNED_IN);
        r.post("/account/passkeys/remove", passkeyAccount::remove, SIGNED_IN);
        r.get("/launch/{appId}", idp::launch, SIGNED_IN);
        r.get("/aws-accounts", awsAccounts::accounts, SIGNED_IN);
        r.get("/launch/{appId}/{accountId}/<roleName>", idp::launchRole, SIGNED_IN); // a role name may carry a path
        r.get("/saml/sso/{appId}", idp::singleSignOnService, PROTOCOL);
        r.post("/saml/sso/{appId}", idp::singleSignOnService, PROTOCOL);
        r.get("/api/apps/{id}/saml-metadata", idp::metadata, ANYONE);

        // Command line: device sign-in (RFC 8628; the CLI is a public client, so no CSRF: PROTOCOL), its approval
        // page, the user's own device sessions, and the AWS roles API the access token opens
        r.post("/oauth2/device_authorization", oauth::deviceAuthorization, PROTOCOL);
        r.post("/oauth2/token", oauth::token, PROTOCOL);
        r.post("/oauth2/revoke", oauth::revoke, PROTOCOL);
        r.get("/device", devicePages::device, SIGNED_IN);
        r.post("/device", devicePages::decide, SIGNED_IN);
        r.get("/account/devices", devicePages::accountSessions, SIGNED_IN);
        r.post("/account/devices/{id}/revoke", devicePages::accountRevoke, SIGNED_IN);
        r.get("/api/me/aws-roles", awsAccess::roles, USER_API);
        r.post("/api/me/aws-assertion", awsAccess::assertion, USER_API);
        r.get("/aws/access", accessKeys::page, SIGNED_IN);
        r.post("/aws/access/keys", accessKeys::issue, SIGNED_IN);

        // Applications API
        r.get("/api/app-templates", appsApi::templates, ADMIN_API);
        r.get("/api/apps", appsApi::list, ADMIN_API);
        r.post("/api/apps", appsApi::create, ADMIN_API);
        r.get("/api/apps/{id}", appsApi::get, ADMIN_API);
        r.patch("/api/apps/{id}", appsApi::update, ADMIN_API);
        r.delete("/api/apps/{id}", appsApi::delete, ADMIN_API);
        r.get("/api/apps/{id}/attribute-mappings", appsApi::mappings, ADMIN_API);
        r.put("/api/apps/{id}/attribute-mappings", appsApi::replaceMappings, ADMIN_API);
        r.get("/api/apps/{id}/assignments", appsApi::listAssignments, ADMIN_API);
        r.post("/api/apps/{id}/assignments", appsApi::assign, ADMIN_API);
        r.delete("/api/apps/{id}/assignments/{principalType}/{principalId}", appsApi::unassign, ADMIN_API);
        r.delete("/api/apps/{id}/assignments", appsApi::unassignByBody, ADMIN_API);
        r.get("/api/apps/{id}/accounts", catalogApi::accounts, ADMIN_API);
        r.put("/api/apps/{id}/accounts/{accountId}", catalogApi::putAccount, ADMIN_API);
        r.delete("/api/apps/{id}/accounts/{accountId}", catalogApi::deleteAccount, ADMIN_API);
        r.get("/api/apps/{id}/accounts/{accountId}/roles", catalogApi::roles, ADMIN_API);
        r.put("/api/apps/{id}/accounts/{accountId}/roles/<roleName>", catalogApi::putRole, ADMIN_API);
        r.delete("/api/apps/{id}/accounts/{accountId}/roles/<roleName>", catalogApi::deleteRole, ADMIN_API);
        r.get("/api/apps/{id}/entitlements", catalogApi::entitlements, ADMIN_API);
        r.post("/api/apps/{id}/entitlements", catalogApi::entitle, ADMIN_API);
        r.delete("/api/apps/{id}/entitlements", catalogApi::removeEntitlement, ADMIN_API);
        r.get("/api/apps/{id}/signing-keys", signingKeys::list, ADMIN_API);
        r.post("/api/apps/{id}/signing-keys", keyRotation::rotateNowApi, ADMIN_API);
        r.get("/api/admin-tokens", tokensAdmin::listJson, ADMIN_API);

        // Directory: SCIM 2.0 (RFC 7644)
        r.get("/scim/v2/ServiceProviderConfig", scim::serviceProviderConfig, ADMIN_API);
        r.get("/scim/v2/ResourceTypes", scim::resourceTypes, ADMIN_API);
        r.get("/scim/v2/ResourceTypes/{name}", scim::resourceType, ADMIN_API);
        r.get("/scim/v2/Schemas", scim::schemas, ADMIN_API);
        r.get("/scim/v2/Schemas/{id}", scim::schema, ADMIN_API);
        r.post("/scim/v2/Users", scim::createUser, ADMIN_API);
        r.get("/scim/v2/Users", scim::listUsers, ADMIN_API);
        r.get("/scim/v2/Users/{id}", scim::getUser, ADMIN_API);
        r.put("/scim/v2/Users/{id}", scim::replaceUser, ADMIN_API);
        r.patch("/scim/v2/Users/{id}", scim::patchUser, ADMIN_API);
        r.delete("/scim/v2/Users/{id}", scim::deleteUser, ADMIN_API);
        r.post("/scim/v2/Groups", scim::createGroup, ADMIN_API);
        r.get("/scim/v2/Groups", scim::listGroups, ADMIN_API);
        r.get("/scim/v2/Groups/{id}", scim::getGroup, ADMIN_API);
        r.put("/scim/v2/Groups/{id}", scim::replaceGroup, ADMIN_API);
        r.patch("/scim/v2/Groups/{id}", scim::patchGroup, ADMIN_API);
        r.delete("/scim/v2/Groups/{id}", scim::deleteGroup, ADMIN_API);

        // Admin console: sign-in, users, groups, tokens
        r.get("/admin/login", signIn::adminForm, ANYONE);
        r.post("/admin/login", signIn::adminSignIn, ANYONE);
        r.get("/admin/login/mfa", signIn::codeForm, ANYONE);
        r.post("/admin/login/mfa", signIn::submitCode, ANYONE);
        r.post("/admin/login/mfa/passkey", signIn::passkeyOptions, ANYONE);
        r.post("/admin/logout", signIn::adminSignOut, SIGNED_IN);
        r.get("/admin/security", securityAdmin::settings, ADMIN);
        r.post("/admin/security", securityAdmin::save, ADMIN);
        r.get("/admin/ldap", ldapAdmin::page, ADMIN);
        r.post("/admin/ldap", ldapAdmin::save, ADMIN);
        r.post("/admin/ldap/test", ldapAdmin::test, ADMIN);
        r.post("/admin/ldap/sync", ldapAdmin::sync, ADMIN);

        // The AWS side of AWS applications: bundles, pre-flight checks, the error decoder (all reads)
        r.get("/admin/apps/{id}/aws", awsSide::page, ADMIN);
        r.post("/admin/apps/{id}/aws/connection", awsSide::saveConnection, ADMIN);
        r.post("/admin/apps/{id}/aws/connection/delete", awsSide::removeConnection, ADMIN);
        r.post("/admin/apps/{id}/aws/encryption", awsSide::uploadEncryption, ADMIN);
        r.post("/admin/apps/{id}/aws/encryption/generate", awsSide::generateEncryption, ADMIN);
        r.post("/admin/apps/{id}/aws/encryption/delete", awsSide::removeEncryption, ADMIN);
        r.get("/admin/aws-errors", awsSide::decodePage, ADMIN);
        r.get("/admin/apps/{id}/rotation", keyRotation::page, ADMIN);
        r.post("/admin/apps/{id}/rotation/start", keyRotation::start, ADMIN);
        r.post("/admin/apps/{id}/rotation/promote", keyRotation::promote, ADMIN);
        r.post("/admin/apps/{id}/rotation/remove-old", keyRotation::removeOld, ADMIN);
        r.post("/admin/apps/{id}/rotation/test-user", keyRotation::testUser, ADMIN);
        r.get("/api/apps/{id}/key-rotation", keyRotation::viewApi, ADMIN_API);
        r.post("/api/apps/{id}/key-rotation", keyRotation::startApi, ADMIN_API);
        r.get("/admin/audit/{id}/aws", awsSide::whatHappened, ADMIN);
        r.get("/api/apps/{id}/aws-connection", awsSide::connectionJson, ADMIN_API);
        r.put("/api/apps/{id}/aws-connection", awsSide::putConnection, ADMIN_API);
        r.delete("/api/apps/{id}/aws-connection", awsSide::deleteConnection, ADMIN_API);
        r.get("/api/apps/{id}/aws-encryption", encryptionApi::get, ADMIN_API);
        r.put("/api/apps/{id}/aws-encryption", encryptionApi::put, ADMIN_API);
        r.delete("/api/apps/{id}/aws-encryption", encryptionApi::delete, ADMIN_API);
        r.get("/api/apps/{id}/aws-bundle/{format}", awsSide::bundle, ADMIN_API);
        r.get("/api/apps/{id}/checks", awsSide::checks, ADMIN_API);
        r.get("/api/aws-errors", awsSide::decodeJson, ADMIN_API);
        r.get("/admin/users", usersAdmin::list, ADMIN);
        r.get("/admin/users/new", usersAdmin::newForm, ADMIN);
        r.post("/admin/users", usersAdmin::create, ADMIN);
        r.get("/admin/users/{id}", usersAdmin::edit, ADMIN);
        r.post("/admin/users/{id}", usersAdmin::save, ADMIN);
        r.post("/admin/users/{id}/active", usersAdmin::setActive, ADMIN);
        r.post("/admin/users/{id}/delete", usersAdmin::delete, ADMIN);
        r.post("/admin/users/{id}/factors/reset", usersAdmin::resetFactors, ADMIN);
        r.get("/admin/groups", groupsAdmin::list, ADMIN);
        r.post("/admin/groups", groupsAdmin::create, ADMIN);
        r.get("/admin/groups/{id}", groupsAdmin::edit, ADMIN);
        r.post("/admin/groups/{id}", groupsAdmin::rename, ADMIN);
        r.post("/admin/groups/{id}/members", groupsAdmin::addMember, ADMIN);
        r.post("/admin/groups/{id}/members/remove", groupsAdmin::removeMember, ADMIN);
        r.post("/admin/groups/{id}/delete", groupsAdmin::delete, ADMIN);
        r.get("/admin/tokens", tokensAdmin::list, ADMIN);
        r.post("/admin/tokens", tokensAdmin::create, ADMIN);
        r.post("/admin/tokens/{id}/revoke", tokensAdmin::revoke, ADMIN);
        r.get("/admin/device-sessions", devicePages::adminSessions, ADMIN);
        r.post("/admin/device-sessions/{id}/revoke", devicePages::adminRevoke, ADMIN);
        r.get("/admin/audit", auditAdmin::list, ADMIN);
        r.get("/admin/audit/export", auditAdmin::export, ADMIN);

        // Admin console: applications
        r.get("/admin", appsAdmin::consoleHome, ADMIN);
        r.get("/admin/apps", appsAdmin::list, ADMIN);
        r.get("/admin/apps/new", appsAdmin::newForm, ADMIN);
        r.post("/admin/apps", appsAdmin::create, ADMIN);
        r.get("/admin/apps/{id}", appsAdmin::configure, ADMIN);
        r.post("/admin/apps/{id}", appsAdmin::saveConfiguration, ADMIN);
        r.post("/admin/apps/{id}/delete", appsAdmin::delete, ADMIN);
        r.get("/admin/apps/{id}/mappings", appsAdmin::mappings, ADMIN);
        r.post("/admin/apps/{id}/mappings", appsAdmin::saveMappings, ADMIN);
        r.get("/admin/apps/{id}/assignments", appsAdmin::assignmentsPage, ADMIN);
        r.post("/admin/apps/{id}/assignments", appsAdmin::assign, ADMIN);
        r.get("/admin/apps/{id}/provisioning", provisioningAdmin::page, ADMIN);
        r.post("/admin/apps/{id}/provisioning", provisioningAdmin::save, ADMIN);
        r.post("/admin/apps/{id}/provisioning/remove", provisioningAdmin::remove, ADMIN);
        r.post("/admin/apps/{id}/provisioning/push", provisioningAdmin::pushNow, ADMIN);
        r.post("/admin/apps/{id}/assignments/remove", appsAdmin::unassign, ADMIN);
        r.get("/admin/apps/{id}/accounts", catalogAdmin::accounts, ADMIN);
        r.post("/admin/apps/{id}/accounts", catalogAdmin::saveAccount, ADMIN);
        r.post("/admin/apps/{id}/accounts/delete", catalogAdmin::deleteAccount, ADMIN);
        r.post("/admin/apps/{id}/roles", catalogAdmin::saveRole, ADMIN);
        r.post("/admin/apps/{id}/roles/delete", catalogAdmin::deleteRole, ADMIN);
        r.get("/admin/apps/{id}/entitlements", catalogAdmin::entitlements, ADMIN);
        r.post("/admin/apps/{id}/entitlements", catalogAdmin::entitle, ADMIN);
        r.post("/admin/apps/{id}/entitlements/remove", catalogAdmin::removeEntitlement, ADMIN);
    }
}
