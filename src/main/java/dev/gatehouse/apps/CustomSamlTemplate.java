package dev.gatehouse.apps;

/** Any service provider that accepts SAML 2.0 responses on the HTTP-POST binding, IdP- or SP-initiated. */
public record CustomSamlTemplate() implements AppTemplate {
    @Override
    public String id() {
        return "custom-saml";
    }

    @Override
    public String title() {
        return "Custom SAML 2.0 application";
    }

    @Override
    public String summary() {
        return "Any service provider that accepts SAML 2.0 responses on the HTTP-POST binding.";
    }

    @Override
    public String defaultAcsUrl() {
        return "";
    }

    @Override
    public String defaultAudience() {
        return "";
    }

    @Override
    public boolean spInitiatedSupported() {
        return true;
    }

    @Override
    public int maxRoleMappings() {
        return 0;
    }
}
