package dev.gatehouse.journey;

import dev.gatehouse.samlxml.IdpMetadataReader;
import dev.gatehouse.samlxml.SamlVerification;
import dev.gatehouse.samlxml.SignedSamlVerifier;
import dev.gatehouse.samlxml.VerifiedAssertion;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small SaaS application for the guide's "User Provisioning Types": one Javalin server whose tenants each have
 * an Assertion Consumer Service at {@code /{tenant}/acs}. A tenant trusts exactly the identity-provider metadata
 * it is given (the file the admin downloaded), verifies the signed response against it with
 * {@link SignedSamlVerifier}, checks audience, recipient and time, and then either requires an account that was
 * provisioned beforehand under the NameID (pushed by the identity provider to the tenant's SCIM API,
 * {@link TestScimEndpoint}), or creates one just in time from the assertion's attributes.
 */
final class TestServiceProvider implements AutoCloseable {
    enum Provisioning { PRE_PROVISIONED, JUST_IN_TIME }

    /** An account of the application, keyed by the identity provider's NameID. */
    record Account(String subject, String email, String givenName, String familyName) {
    }

    private record Tenant(Provisioning provisioning, IdpMetadataReader.IdpMetadata idp, Map<String, Account> accounts,
                          TestScimEndpoint scim) {
    }

    private final Map<String, Tenant> tenants = new ConcurrentHashMap<>();
    private final SignedSamlVerifier verifier = new SignedSamlVerifier();
    private final Javalin server;

    private TestServiceProvider() {
        server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.post("/{tenant}/acs", this::acs);
            config.routes.get("/{tenant}/scim/v2/Users", ctx -> scim(ctx).list(ctx));
            config.routes.post("/{tenant}/scim/v2/Users", ctx -> scim(ctx).create(ctx));
            config.routes.put("/{tenant}/scim/v2/Users/{id}", ctx -> scim(ctx).replace(ctx));
            config.routes.patch("/{tenant}/scim/v2/Users/{id}", ctx -> scim(ctx).patch(ctx));
        });
    }

    static TestServiceProvider start() {
        TestServiceProvider sp = new TestServiceProvider();
        sp.server.start("localhost", 0);
        return sp;
    }

    String entityId(String tenant) {
        return baseUrl() + "/" + tenant;
    }

    String acsUrl(String tenant) {
        return baseUrl() + "/" + tenant + "/acs";
    }

    /** Sets a tenant up to trust the identity provider described by {@code metadataFile}. */
    void addTenant(String tenant, Provisioning provisioning, Path metadataFile) {
        try {
            Map<String, Account> accounts = new ConcurrentHashMap<>();
            tenants.put(tenant, new Tenant(provisioning, IdpMetadataReader.read(Files.readString(metadataFile)),
                    accounts, new TestScimEndpoint(tenant + "-scim-token-0123456789", accounts)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tenant's SCIM API, where an identity provider pushes its pre-provisioned users. */
    String scimUrl(String tenant) {
        return baseUrl() + "/" + tenant + "/scim/v2";
    }

    String scimToken(String tenant) {
        return tenants.get(tenant).scim().token();
    }

    /** Whether the tenant's account for {@code subject} was deactivated over SCIM. */
    boolean deactivated(String tenant, String subject) {
        return tenants.get(tenant).scim().deactivated(subject);
    }

    private TestScimEndpoint scim(Context ctx) {
        Tenant tenant = tenants.get(ctx.pathParam("tenant"));
        if (tenant == null) {
            throw new io.javalin.http.NotFoundResponse("No such tenant.");
        }
        return tenant.scim();
    }

    Map<String, Account> accounts(String tenant) {
        return Map.copyOf(tenants.get(tenant).accounts());
    }

    private void acs(Context ctx) {
        Tenant tenant = tenants.get(ctx.pathParam("tenant"));
        String response = ctx.formParam("SAMLResponse");
        if (tenant == null || response == null) {
            page(ctx, 400, "Bad request", "No such tenant, or no SAMLResponse.");
            return;
        }
        SamlVerification outcome = verifier.verify(response, tenant.idp().entityId(), tenant.idp().signingCertificates());
        if (outcome instanceof SamlVerification.Failed failed) {
            page(ctx, 403, "Sign-in refused", "The response is not signed by the trusted identity provider: " + failed.detail());
            return;
        }
        VerifiedAssertion assertion = ((SamlVerification.Verified) outcome).assertion();
        String tenantName = ctx.pathParam("tenant");
        List<VerifiedAssertion.SubjectConfirmation> bearer = assertion.subjectConfirmations();
        // As pysaml2 and python3-saml do: a Destination, when present, must be this ACS (SAML bindings §3.5.5.2).
        boolean wrongDestination = assertion.responseDestination() != null
                && !acsUrl(tenantName).equals(assertion.responseDestination());
        if (wrongDestination || !assertion.audiences().contains(entityId(tenantName)) || bearer.isEmpty()
                || !acsUrl(tenantName).equals(bearer.get(0).recipient())
                || bearer.get(0).notOnOrAfter() == null || !Instant.now().isBefore(bearer.get(0).notOnOrAfter())) {
            page(ctx, 403, "Sign-in refused", "The assertion is not meant for this application, or it has expired.");
            return;
        }
        String subject = assertion.nameId();
        Account account = tenant.accounts().get(subject);
        if (account != null && tenant.scim().deactivated(subject)) {
            page(ctx, 403, "Account deactivated", "The account of " + subject + " is deactivated.");
        } else if (account != null) {
            page(ctx, 200, "Signed in", "Welcome back, " + account.givenName() + " (" + account.subject() + ").");
        } else if (tenant.provisioning() == Provisioning.PRE_PROVISIONED) {
            page(ctx, 403, "No account", "No account exists for " + subject
                    + ". Users of this application must be provisioned before they sign in.");
        } else {
            Account created = new Account(subject, first(assertion, "email"), first(assertion, "firstName"),
                    first(assertion, "lastName"));
            tenant.accounts().put(subject, created);
            page(ctx, 200, "Account created", "Created an account just in time for " + created.givenName() + " "
                    + created.familyName() + " <" + created.email() + ">.");
        }
    }

    private static String first(VerifiedAssertion assertion, String attribute) {
        List<String> values = assertion.attribute(attribute);
        return values.isEmpty() ? null : values.get(0);
    }

    private static void page(Context ctx, int status, String title, String detail) {
        ctx.status(status).contentType("text/html; charset=utf-8").result("<!DOCTYPE html><html lang=\"en\"><head>"
                + "<title>Test SaaS</title></head><body><h1 id=\"sp-title\">" + escape(title) + "</h1><p id=\"sp-detail\">"
                + escape(detail) + "</p></body></html>");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private String baseUrl() {
        return "http://localhost:" + server.port();
    }

    @Override
    public void close() {
        server.stop();
    }
}
