package dev.gatehouse.awsemulator.console;

import dev.gatehouse.awsemulator.console.ConsolePages.CertificateView;
import dev.gatehouse.awsemulator.console.ConsolePages.DashboardPage;
import dev.gatehouse.awsemulator.console.ConsolePages.ProviderNewPage;
import dev.gatehouse.awsemulator.console.ConsolePages.ProviderPage;
import dev.gatehouse.awsemulator.console.ConsolePages.ProvidersPage;
import dev.gatehouse.awsemulator.console.ConsoleSessions.ConsoleSession;
import dev.gatehouse.awsemulator.core.Arn;
import dev.gatehouse.awsemulator.core.AwsError;
import dev.gatehouse.awsemulator.iam.IamService;
import dev.gatehouse.awsemulator.iam.SamlProvider;
import dev.gatehouse.web.Views;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.HexFormat;
import java.util.List;

/**
 * The IAM console's dashboard and Identity providers pages: list, Add provider (metadata file upload), detail with
 * certificates, Replace metadata, Delete. Every change goes through {@link IamService}, so the pages refuse exactly
 * what the API refuses, with AWS's message.
 */
public final class ProviderPageHandlers {
    private static final int MAX_UPLOAD_BYTES = 1_500_000;

    private final IamService iam;
    private final Views views;

    public ProviderPageHandlers(IamService iam, Views views) {
        this.iam = iam;
        this.views = views;
    }

    public void dashboard(Context ctx) {
        ConsoleSession s = ConsoleRequest.SESSION.require(ctx);
        views.html(ctx, "awsemulator/iam/dashboard.jte", new DashboardPage(ConsoleChrome.of(s, "dashboard"), s.accountId(),
                iam.listSamlProviders(s.accountId()).size(), iam.listRoles(s.accountId()).size(), iam.listPolicies(s.accountId()).size()));
    }

    public void list(Context ctx) {
        ConsoleSession s = ConsoleRequest.SESSION.require(ctx);
        views.html(ctx, "awsemulator/iam/providers.jte", new ProvidersPage(ConsoleChrome.of(s, "providers"),
                iam.listSamlProviders(s.accountId()), ConsoleText.notice(ctx.queryParam("done"))));
    }

    public void newForm(Context ctx) {
        ConsoleSession s = ConsoleRequest.SESSION.require(ctx);
        views.html(ctx, "awsemulator/iam/provider-new.jte", new ProviderNewPage(ConsoleChrome.of(s, "providers"), s.csrfToken(), "", null));
    }

    public void create(Context ctx) {
        ConsoleSession s = ConsoleRequest.SESSION.require(ctx);
        String name = ctx.formParam("name") == null ? "" : ctx.formParam("name").trim();
        try {
            iam.createSamlProvider(s.accountId(), name, upload(ctx));
            ctx.redirect("/console/iam/providers/" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "?done=created", HttpStatus.SEE_OTHER);
        } catch (AwsError e) {
            views.html(ctx, e.httpStatus(), "awsemulator/iam/provider-new.jte",
                    new ProviderNewPage(ConsoleChrome.of(s, "providers"), s.csrfToken(), name, message(e)));
        }
    }

    public void detail(Context ctx) {
        ConsoleSession s = ConsoleRequest.SESSION.require(ctx);
        SamlProvider p = iam.getSamlProvider(arn(s, ctx));
        views.html(ctx, "awsemulator/iam/provider.jte", page(s, p, ConsoleText.notice(ctx.queryParam("done")), null));
    }

    public void replaceMetadata(Context ctx) {
        ConsoleSession s = ConsoleRequest.SESSION.require(ctx);
        String arn = arn(s, ctx);
        SamlProvider current = iam.getSamlProvider(arn);
        try {
            iam.updateSamlProvider(arn, upload(ctx));
            ctx.redirect("/console/iam/providers/" + URLEncoder.encode(current.name(), StandardCharsets.UTF_8) + "?done=updated", HttpStatus.SEE_OTHER);
        } catch (AwsError e) {
            views.html(ctx, e.httpStatus(), "awsemulator/iam/provider.jte", page(s, current, null, message(e)));
        }
    }

    public void delete(Context ctx) {
        ConsoleSession s = ConsoleRequest.SESSION.require(ctx);
        iam.deleteSamlProvider(arn(s, ctx));
        ctx.redirect("/console/iam/providers?done=deleted", HttpStatus.SEE_OTHER);
    }

    private static String arn(ConsoleSession s, Context ctx) {
        String name = ctx.pathParam("name");
        if (!name.matches("[\\w._-]{1,128}")) {
            throw AwsError.noSuchEntity("SAMLProvider " + name + " does not exist.");
        }
        return Arn.samlProvider(s.accountId(), name);
    }

    /** The uploaded metadata file as text; a missing or oversized upload reads as AWS's parse refusal. */
    private static String upload(Context ctx) {
        UploadedFile file;
        try {
            file = ctx.uploadedFile("metadata");
        } catch (Exception e) { // Jetty reports a broken multipart body as a (sneaky) ServletException
            throw AwsError.invalidInput("The upload could not be read.");
        }
        if (file == null || file.size() == 0) {
            throw AwsError.invalidInput("Choose the identity provider's metadata document (an XML file) to upload.");
        }
        if (file.size() > MAX_UPLOAD_BYTES) {
            throw AwsError.invalidInput("The metadata document is too large.");
        }
        try (InputStream in = file.content()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw AwsError.invalidInput("The metadata upload could not be read.");
        }
    }

    private ProviderPage page(ConsoleSession s, SamlProvider p, String notice, String error) {
        List<CertificateView> certs = p.signingCertificates().stream().map(ProviderPageHandlers::view).toList();
        return new ProviderPage(ConsoleChrome.of(s, "providers"), s.csrfToken(), p, certs, notice, error);
    }

    private static CertificateView view(X509Certificate c) {
        int bits = c.getPublicKey() instanceof RSAPublicKey rsa ? rsa.getModulus().bitLength() : 0;
        String sha;
        try {
            sha = HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (Exception e) {
            sha = "";
        }
        return new CertificateView(c.getSubjectX500Principal().getName(), c.getNotAfter().toInstant().toString(), bits, sha);
    }

    /** AWS's message, with our reason for refused metadata so the person can fix the file. */
    static String message(AwsError e) {
        if (e instanceof IamService.MetadataRefused refused && refused.reason() != null) {
            return e.getMessage() + ": " + refused.reason();
        }
        return e.getMessage();
    }

}
