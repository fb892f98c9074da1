package dev.gatehouse.portal;

import dev.gatehouse.apps.AwsCatalog;
import dev.gatehouse.apps.EntitledRole;
import dev.gatehouse.directory.ActiveUsers;
import dev.gatehouse.directory.UserClaims;
import dev.gatehouse.web.HttpError;
import dev.gatehouse.web.ProductChrome;
import dev.gatehouse.web.Views;
import dev.gatehouse.web.WebSecurity;
import io.javalin.http.Context;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /aws-accounts}: the (account, role) pairs of every "AWS accounts" catalog the user is entitled to, like
 * the AWS access portal's account list: grouped by account, recently used first, with a search box. Each
 * <em>Management console</em> link is the pair's bookmarkable launch.
 */
public final class AwsAccountsHandlers {
    private static final int RECENT = 5;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final Views views;
    private final ProductChrome chrome;
    private final ActiveUsers users;
    private final AwsCatalog catalog;

    public AwsAccountsHandlers(Views views, ProductChrome chrome, ActiveUsers users, AwsCatalog catalog) {
        this.views = views;
        this.chrome = chrome;
        this.users = users;
        this.catalog = catalog;
    }

    public void accounts(Context ctx) {
        UserClaims user = users.claims(WebSecurity.requirePrincipal(ctx).userId())
                .orElseThrow(() -> new HttpError(403, "Your account is not active."));
        String query = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").trim();
        if (query.length() > 200) {
            throw HttpError.badRequest("Search for at most 200 characters.");
        }
        List<EntitledRole> pairs = catalog.entitledAwsRoles(user.userId(), user.groupIds());
        Map<String, Instant> used = catalog.recentUses(user.userId());
        String needle = query.toLowerCase(Locale.ROOT);
        Comparator<EntitledRole> byRecency = Comparator.comparing((EntitledRole p) -> used.getOrDefault(AwsCatalog.useKey(p), Instant.MIN))
                .reversed().thenComparing(p -> p.account().displayName(), String.CASE_INSENSITIVE_ORDER)
                .thenComparing(p -> p.account().accountId()).thenComparing(p -> p.role().roleName());
        List<EntitledRole> shown = pairs.stream().filter(p -> matches(p, needle)).sorted(byRecency).toList();

        // Accounts in the order of their most recently used role (the sort above), roles likewise within each.
        Map<String, List<AwsAccountsPage.RoleLink>> roles = new LinkedHashMap<>();
        Map<String, EntitledRole> firstOf = new LinkedHashMap<>();
        for (EntitledRole p : shown) {
            String key = p.app().id() + " " + p.account().accountId();
            firstOf.putIfAbsent(key, p);
            roles.computeIfAbsent(key, k -> new ArrayList<>()).add(link(p, used));
        }
        List<AwsAccountsPage.Account> accounts = firstOf.entrySet().stream().map(e -> new AwsAccountsPage.Account(
                e.getValue().app().displayName(), e.getValue().account().accountId(), e.getValue().account().displayName(),
                roles.get(e.getKey()))).toList();
        List<AwsAccountsPage.RoleLink> recent = shown.stream().filter(p -> used.containsKey(AwsCatalog.useKey(p)))
                .limit(RECENT).map(p -> link(p, used)).toList();
        views.html(ctx, "portal/aws-accounts.jte", new AwsAccountsPage(chrome.of(ctx), query, pairs.size(), recent, accounts));
    }

    private static boolean matches(EntitledRole p, String needle) {
        return needle.isEmpty() || p.account().accountId().contains(needle)
                || p.account().displayName().toLowerCase(Locale.ROOT).contains(needle)
                || p.role().roleName().toLowerCase(Locale.ROOT).contains(needle);
    }

    private static AwsAccountsPage.RoleLink link(EntitledRole p, Map<String, Instant> used) {
        Instant last = used.get(AwsCatalog.useKey(p));
        String path = "/launch/" + url(p.app().id()) + "/" + p.account().accountId() + "/"
                + String.join("/", java.util.Arrays.stream(p.role().roleName().split("/")).map(AwsAccountsHandlers::url).toList());
        return new AwsAccountsPage.RoleLink(p.account().accountId(), p.account().displayName(), p.role().roleName(),
                p.role().description(), path, last == null ? "" : WHEN.format(last),
                "launch-" + p.account().accountId() + "-" + p.role().roleName().replaceAll("[^A-Za-z0-9_-]", "_"));
    }

    private static String url(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
