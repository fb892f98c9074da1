package dev.gatehouse.awsemulator.console;

import dev.gatehouse.awsemulator.iam.IamPolicy;
import dev.gatehouse.awsemulator.iam.IamRole;
import dev.gatehouse.awsemulator.iam.SamlProvider;
import dev.gatehouse.web.Chrome;

import java.util.List;
import java.util.Set;

/** The typed page records of the emulated console's templates, one per template. */
public final class ConsolePages {
    private ConsolePages() {
    }

    /** {@code awsemulator/console/signin.jte}. */
    public record SignInPage(Chrome chrome, String csrf, String accountId, String next, String error, boolean signedOut) {
    }

    /** {@code awsemulator/iam/dashboard.jte}. */
    public record DashboardPage(Chrome chrome, String accountId, int providers, int roles, int policies) {
        public String providersText() {
            return count(providers, "SAML provider", "SAML providers");
        }

        public String rolesText() {
            return count(roles, "role", "roles");
        }

        public String policiesText() {
            return count(policies, "customer managed policy", "customer managed policies");
        }

        private static String count(int n, String one, String many) {
            return n + " " + (n == 1 ? one : many);
        }
    }

    /** {@code awsemulator/console/signed-out.jte}: where a federated user lands after signing out. */
    public record SignedOutPage(Chrome chrome) {
    }

    /** {@code awsemulator/iam/providers.jte}. */
    public record ProvidersPage(Chrome chrome, List<SamlProvider> providers, String notice) {
    }

    /** {@code awsemulator/iam/provider-new.jte}. */
    public record ProviderNewPage(Chrome chrome, String csrf, String name, String error) {
    }

    /** A signing certificate as the provider page lists it. */
    public record CertificateView(String subject, String notAfter, int keyBits, String sha256) {
    }

    /** {@code awsemulator/iam/provider.jte}. */
    public record ProviderPage(Chrome chrome, String csrf, SamlProvider provider, List<CertificateView> certificates,
                               String notice, String error) {
    }

    /** {@code awsemulator/iam/policies.jte}. */
    public record PoliciesPage(Chrome chrome, List<IamPolicy> policies, String notice) {
    }

    /** {@code awsemulator/iam/policy-new.jte}. */
    public record PolicyNewPage(Chrome chrome, String csrf, String name, String document, String description, String error) {
    }

    /** {@code awsemulator/iam/policy.jte}. */
    public record PolicyPage(Chrome chrome, String csrf, IamPolicy policy, String description, String document, String notice,
                             String error) {
    }

    /** {@code awsemulator/iam/roles.jte}. */
    public record RolesPage(Chrome chrome, List<IamRole> roles, String notice) {
    }

    /** {@code awsemulator/iam/role-new.jte}: the "SAML 2.0 federation" wizard. */
    public record RoleNewPage(Chrome chrome, String csrf, List<SamlProvider> providers, String provider, String roleName,
                              String trustPolicy, String maxSessionDuration, String description, List<IamPolicy> policies,
                              Set<String> checkedPolicies, String error) {
    }

    /** {@code awsemulator/iam/role.jte}. */
    public record RolePage(Chrome chrome, String csrf, IamRole role, String trustPolicy, List<IamPolicy> attached,
                           List<IamPolicy> attachable, String notice, String error) {
    }
}
