package dev.gatehouse.admin;

import dev.gatehouse.apps.AssignablePrincipals;
import dev.gatehouse.apps.AttributeMapping;
import dev.gatehouse.web.Chrome;

import java.util.List;

/** The page records of the admin console's application pages (one template each under {@code admin/apps/}). */
public final class AppPages {
    private AppPages() {
    }

    /** The header shared by an application's tabs. */
    public record AppHeader(String id, String displayName, String templateTitle, String tab, boolean catalog, boolean awsSide) {
        static AppHeader of(dev.gatehouse.apps.App app, String tab) {
            return new AppHeader(app.id(), app.displayName(), app.template().title(), tab,
                    app.template() instanceof dev.gatehouse.apps.AwsAccountCatalogTemplate,
                    app.template() instanceof dev.gatehouse.apps.ExternalAwsAccountTemplate
                            || app.template() instanceof dev.gatehouse.apps.AwsAccountCatalogTemplate);
        }
    }

    /** Applications list, the console's dashboard: with each active signing key's days to expiry. */
    public record ListPage(Chrome chrome, List<Row> rows, String notice) {
        /** @param keyDays whole days until the active signing key expires */
        public record Row(String id, String displayName, String templateTitle, String acsUrl, int assignments, long keyDays) {
            /** green above 30 days, amber from 30, red from 7: the badge's class; its text says the same in words. */
            public String keyClass() {
                return keyDays <= 7 ? "danger" : keyDays <= 30 ? "warn" : "ok";
            }

            public String keyText() {
                return keyDays < 0 ? "expired" : keyDays + (keyDays == 1 ? " day" : " days")
                        + (keyDays <= 7 ? " (urgent)" : keyDays <= 30 ? " (soon)" : "");
            }
        }

        /** The keys expiring within 30 days, nearest first: the dashboard's warnings (30, 7 and 1 days). */
        public List<Row> expiring() {
            return rows.stream().filter(r -> r.keyDays() <= 30).sorted(java.util.Comparator.comparingLong(Row::keyDays)).toList();
        }
    }

    /** Choose a template and name a new instance. */
    public record NewPage(Chrome chrome, String csrfToken, List<TemplateChoice> templates, String template,
                          String displayName, String description, String acsUrl, String audience,
                          List<String> errors) {
        public record TemplateChoice(String id, String title, String summary) {
        }
    }

    /** The Configure tab: details, SAML endpoints, metadata download. */
    public record ConfigurePage(Chrome chrome, String csrfToken, AppHeader header, String displayName,
                                String description, String acsUrl, String audience, String relayState,
                                int sessionDurationSeconds, String entityId, String ssoUrl, String metadataDownloadUrl,
                                String certificateExpiry, boolean spInitiated, List<String> errors,
                                List<String> warnings, String notice) {
    }

    /** The Attribute mappings tab. */
    public record MappingsPage(Chrome chrome, String csrfToken, AppHeader header, List<AttributeMapping> rows,
                               boolean oneRoleMapping, String placeholders, List<String> errors, String notice) {
    }

    /** The Assignments tab. */
    public record AssignmentsPage(Chrome chrome, String csrfToken, AppHeader header, List<Assigned> assigned,
                                  List<AssignablePrincipals.Choice> users, List<AssignablePrincipals.Choice> groups,
                                  List<String> errors, String notice) {
        public record Assigned(String type, String id, String label) {
        }
    }
}
