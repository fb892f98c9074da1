package dev.gatehouse.awsemulator.signin;

import dev.gatehouse.web.Chrome;

import java.util.List;

/**
 * AWS's "Select a role" page: the SAML response echoed in hidden fields and one radio per role, grouped by
 * account (the markup tools such as saml2aws read: {@code #saml_form}, {@code div.saml-account}, radios named
 * {@code roleIndex} valued with the role ARN). {@code action} is the URL the response came to ({@code /saml} or a
 * provider's {@code /saml/acs/<IdP-ID>}), so the choice goes back through the same door.
 */
public record RoleChooserPage(Chrome chrome, String action, String samlResponse, String relayState, List<AccountRoles> accounts) {

    /** The roles of one account. */
    public record AccountRoles(String accountId, List<RoleChoice> roles) {
    }

    /** One radio: the role ARN and its name. */
    public record RoleChoice(String roleArn, String roleName) {
    }
}
