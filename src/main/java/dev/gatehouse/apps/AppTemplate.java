package dev.gatehouse.apps;

import java.util.List;
import java.util.Optional;

/**
 * A kind of application an instance is made from: its defaults and the rules its mappings and sign-ins follow.
 * Each template is one class; adding one means one new class here, named in {@code permits} and in {@link #all()}.
 */
public sealed interface AppTemplate permits ExternalAwsAccountTemplate, AwsAccountCatalogTemplate, CustomSamlTemplate {
    /** Every template, in the order the console offers them. */
    static List<AppTemplate> all() {
        return List.of(new ExternalAwsAccountTemplate(), new AwsAccountCatalogTemplate(), new CustomSamlTemplate());
    }

    static Optional<AppTemplate> byId(String id) {
        return all().stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** The stable id stored with each instance and used by the API, e.g. {@code external-aws-account}. */
    String id();

    String title();

    String summary();

    /** The ACS URL a new instance gets when none is given (empty: the administrator must give one). */
    String defaultAcsUrl();

    /** The audience a new instance gets when none is given (empty: the administrator must give one). */
    String defaultAudience();

    /** Whether service providers of this kind may start sign-in with an AuthnRequest. */
    boolean spInitiatedSupported();

    /** How many AWS Role mappings an instance may hold; 0 for templates that send no AWS roles. */
    int maxRoleMappings();

    /** The mapping rows a new instance starts with: the Subject, as IAM Identity Center pre-fills it. */
    default List<AttributeMapping> defaultMappings() {
        return List.of(new AttributeMapping(AttributeMapping.SUBJECT, "${user:subject}", "persistent"));
    }

    /** Whether {@code attribute} may be mapped in more than one row ({@link #setProblems} then judges them). */
    default boolean repeatable(String attribute) {
        return false;
    }

    /** This template's own problems with one mapping row, beyond the rules every template shares. */
    default List<String> rowProblems(AttributeMapping row) {
        return List.of();
    }

    /** This template's own problems with a whole set of rows. */
    default List<String> setProblems(List<AttributeMapping> rows) {
        return List.of();
    }

    /**
     * Why the value a mapping resolved to for one user must not be signed (a message for that user), or empty.
     * Checked at every launch, after placeholders are filled.
     */
    default Optional<String> resolvedValueRefusal(String attribute, String value) {
        return Optional.empty();
    }

    /** Why an AuthnRequest cannot start sign-in into {@code app}, as a message for the user; empty when it can. */
    default Optional<String> spInitiatedRefusal(App app) {
        return spInitiatedSupported() ? Optional.empty() : Optional.of(title()
                + " does not support SP initiated SSO. Sign in to the access portal and choose "
                + app.displayName() + " from your applications.");
    }
}
