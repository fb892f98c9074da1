package dev.gatehouse.portal;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.Applications;
import dev.gatehouse.apps.Assignments;
import dev.gatehouse.apps.AwsCatalog;
import dev.gatehouse.directory.ActiveUsers;
import dev.gatehouse.directory.UserClaims;
import dev.gatehouse.signin.SignInPage;
import dev.gatehouse.web.ProductChrome;
import dev.gatehouse.web.LocalRedirect;
import dev.gatehouse.web.Principal;
import dev.gatehouse.web.Views;
import dev.gatehouse.web.WebSecurity;
import io.javalin.http.Context;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.Set;

/** The access portal's home: the signed-in user's applications, or the sign-in form for visitors. */
public final class PortalHandlers {
    private final Views views;
    private final WebSecurity security;
    private final ProductChrome chrome;
    private final ActiveUsers users;
    private final Applications apps;
    private final Assignments assignments;
    private final AwsCatalog catalog;

    public PortalHandlers(Views views, WebSecurity security, ProductChrome chrome, ActiveUsers users, Applications apps,
                          Assignments assignments, AwsCatalog catalog) {
        this.catalog = catalog;
        this.views = views;
        this.security = security;
        this.chrome = chrome;
        this.users = users;
        this.apps = apps;
        this.assignments = assignments;
    }

    /** GET /: the signed-in user's applications, or the sign-in form. */
    public void home(Context ctx) {
        Optional<Principal> principal = WebSecurity.principal(ctx);
        Optional<UserClaims> user = principal.flatMap(p -> users.claims(p.userId()));
        if (user.isEmpty()) {
            views.html(ctx, 200, SignInPage.TEMPLATE, SignInPage.portal(security.csrfToken(ctx),
                    LocalRedirect.orDefault(ctx.queryParam("next"), null), null, null));
            return;
        }
        UserClaims claims = user.get();
        Set<String> ids = assignments.appIdsFor(claims.userId(), claims.groupIds());
        // A catalog shows to whoever is entitled to one of its (account, role) pairs, and opens the AWS accounts view.
        Map<String, Long> catalogRoles = catalog.entitledAwsRoles(claims.userId(), claims.groupIds()).stream()
                .collect(Collectors.groupingBy(p -> p.app().id(), Collectors.counting()));
        List<HomePage.Tile> tiles = apps.list().stream().filter(a -> ids.contains(a.id()) || catalogRoles.containsKey(a.id()))
                .sorted(Comparator.comparing(App::displayName, String.CASE_INSENSITIVE_ORDER))
                .map(a -> catalogRoles.containsKey(a.id())
                        ? new HomePage.Tile(a.displayName(), catalogRoles.get(a.id()) + " AWS account roles", a.template().title(), "/aws-accounts")
                        : new HomePage.Tile(a.displayName(), a.description(), a.template().title(), "/launch/" + a.id()))
                .toList();
        String name = claims.displayName() != null && !claims.displayName().isBlank() ? claims.displayName() : claims.userName();
        views.html(ctx, "portal/home.jte", new HomePage(chrome.of(ctx), "Welcome, " + name, tiles));
    }
}
