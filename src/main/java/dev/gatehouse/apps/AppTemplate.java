package dev.gatehouse.apps;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The catalog of application templates. A template fixes the defaults an instance starts from and the rules its
 * attribute mappings must follow.
 */
public enum AppTemplate {
    EXTERNAL_AWS_ACCOUNT("external-aws-account", "External AWS Account",
            "Single sign-on into an AWS account outside your organization, through an IAM SAML identity provider.",
            "https://signin.aws.amazon.com/saml", "urn:amazon:webservices", false, true),
    CUSTOM_SAML("custom-saml", "Custom SAML 2.0 application",
            "Any service provider that accepts SAML 2.0 responses on the HTTP-POST binding.",
            "", "", true, false);

    /** Quoted from the integration guide when a second Role mapping is refused. */
    public static final String ONE_ROLE_LIMITATION = "External AWS Account service only supports one IAM Role attribute "
            + "mapping per application instance. So, you would have to create multiple External AWS Account application "
            + "instances to use multiple roles.";

    private final String id;
    private final String title;
    private final String summary;
    private final String defaultAcsUrl;
    private final String defaultAudience;
    private final boolean spInitiatedSupported;
    private final boolean awsRules;

    AppTemplate(String id, String title, String summary, String defaultAcsUrl, String defaultAudience,
                boolean spInitiatedSupported, boolean awsRules) {
        this.id = id;
        this.title = title;
        this.summary = summary;
        this.defaultAcsUrl = defaultAcsUrl;
        this.defaultAudience = defaultAudience;
        this.spInitiatedSupported = spInitiatedSupported;
        this.awsRules = awsRules;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String summary() {
        return summary;
    }

    public String defaultAcsUrl() {
        return defaultAcsUrl;
    }

    public String defaultAudience() {
        return defaultAudience;
    }

    /** Whether service providers of this kind may start sign-in with an AuthnRequest. */
    public boolean spInitiatedSupported() {
        return spInitiatedSupported;
    }

    /** Whether AWS's rules apply to the mappings (one Role row, ARN pairs, RoleSessionName pattern). */
    public boolean awsRules() {
        return awsRules;
    }

    /** The mapping rows a new instance starts with: the Subject, as IAM Identity Center pre-fills it. */
    public List<AttributeMapping> defaultMappings() {
        return List.of(new AttributeMapping(AttributeMapping.SUBJECT, "${user:subject}", "persistent"));
    }

    public static Optional<AppTemplate> byId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }
}
