package dev.gatehouse.idp;

import dev.gatehouse.apps.App;
import dev.gatehouse.apps.AppTemplate;
import dev.gatehouse.apps.AttributeMapping;
import dev.gatehouse.apps.AwsSamlRules;
import dev.gatehouse.apps.CustomSamlTemplate;
import dev.gatehouse.apps.ExternalAwsAccountTemplate;
import dev.gatehouse.directory.UserClaims;
import dev.gatehouse.samlxml.SamlNames;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link AttributeResolver} with the real templates and placeholders: mapping rows in, NameID and attributes out. */
class AttributeResolverTest {
    private static final UserClaims ALICE = new UserClaims("u-1", "alice", "sub-7f3a", "alice@example.com", "Alice",
            "Liddell", null, Set.of("g-1"));
    private final AttributeResolver resolver = new AttributeResolver();

    private static SignInRequest request(AppTemplate template, UserClaims user) {
        App app = new App("app-1", template, "App", "", "https://sp.example/acs", "https://sp.example", null, 3600,
                "https://idp.example/app-1", Instant.EPOCH, Instant.EPOCH);
        return new SignInRequest(app, user, null, null, new Authentication(Instant.EPOCH, SamlNames.AC_PASSWORD_PROTECTED));
    }

    @Test
    void resolveWhenNoSubjectRowThenPersistentSubjectAndNoAttributes() {
        AssertionContent content = resolver.resolve(request(new CustomSamlTemplate(), ALICE), List.of());
        assertThat(content.nameId()).isEqualTo("sub-7f3a");
        assertThat(content.nameIdFormat()).isEqualTo(SamlNames.NAMEID_PERSISTENT);
        assertThat(content.attributes()).isEmpty();
    }

    @Test
    void resolveThenSubjectRowGivesNameIdAndOtherRowsAttributesInOrder() {
        AssertionContent content = resolver.resolve(request(new CustomSamlTemplate(), ALICE), List.of(
                new AttributeMapping("mail", "${user:email}", "basic"),
                new AttributeMapping("Subject", "${user:email}", "emailAddress"),
                new AttributeMapping("name", "${user:name} (${user:preferredUsername})", "uri"),
                new AttributeMapping("team", "fixed value", "unspecified")));

        assertThat(content.nameId()).isEqualTo("alice@example.com");
        assertThat(content.nameIdFormat()).isEqualTo(SamlNames.NAMEID_EMAIL);
        assertThat(content.attributes()).containsExactly(
                new AssertionContent.Attribute("mail", SamlNames.ATTRNAME_BASIC, List.of("alice@example.com")),
                new AssertionContent.Attribute("name", SamlNames.ATTRNAME_URI, List.of("Alice Liddell (alice)")),
                new AssertionContent.Attribute("team", SamlNames.ATTRNAME_UNSPECIFIED, List.of("fixed value")));
        assertThat(content.attributeValue("name")).isEqualTo("Alice Liddell (alice)");
        assertThat(content.attributeValue("absent")).isNull();
    }

    @Test
    void resolveThenEachNameIdFormatMapsToItsUri() {
        for (String[] f : new String[][]{{"persistent", SamlNames.NAMEID_PERSISTENT}, {"transient", SamlNames.NAMEID_TRANSIENT},
                {"emailAddress", SamlNames.NAMEID_EMAIL}, {"unspecified", SamlNames.NAMEID_UNSPECIFIED}}) {
            AssertionContent content = resolver.resolve(request(new CustomSamlTemplate(), ALICE),
                    List.of(new AttributeMapping("Subject", "${user:subject}", f[0])));
            assertThat(content.nameIdFormat()).as(f[0]).isEqualTo(f[1]);
        }
    }

    @Test
    void resolveWhenValuesLookLikeMarkupThenPlainTextKept() {
        UserClaims odd = new UserClaims("u-2", "bob", "sub-2", "bob@example.com", "<b>Bob</b>", "&Co", null, Set.of());
        AssertionContent content = resolver.resolve(request(new CustomSamlTemplate(), odd),
                List.of(new AttributeMapping("name", "${user:name}", "basic")));
        assertThat(content.attributeValue("name")).isEqualTo("<b>Bob</b> &Co");
    }

    @Test
    void resolveWhenUserLacksAMappedValueThenRefusedNamingTheRow() {
        UserClaims noEmail = new UserClaims("u-3", "carol", "sub-3", null, "Carol", null, null, Set.of());
        assertThatThrownBy(() -> resolver.resolve(request(new CustomSamlTemplate(), noEmail),
                List.of(new AttributeMapping("mail", "${user:email}", "basic"))))
                .isInstanceOfSatisfying(SignInRefusedException.class, e -> assertThat(e.status()).isEqualTo(409))
                .hasMessage("This application maps mail to \"${user:email}\", but ${user:email} has no value for this user."
                        + " Ask your administrator to complete your profile or the mapping.");
    }

    @Test
    void resolveWhenAwsRoleSessionNameWouldBeInvalidThenRefusedBeforeSigning() {
        UserClaims spaced = new UserClaims("u-4", "dave", "sub-4", "dave@example.com", "Dave", "D", "Dave D", Set.of());
        List<AttributeMapping> rows = List.of(new AttributeMapping(AwsSamlRules.ROLE_SESSION_NAME, "${user:name}", "unspecified"));

        assertThatThrownBy(() -> resolver.resolve(request(new ExternalAwsAccountTemplate(), spaced), rows))
                .isInstanceOfSatisfying(SignInRefusedException.class, e -> assertThat(e.status()).isEqualTo(409))
                .hasMessageStartingWith("Your RoleSessionName would be \"Dave D\", but AWS requires it to match "
                        + AwsSamlRules.ROLE_SESSION_NAME_RULE);
        assertThat(resolver.resolve(request(new CustomSamlTemplate(), spaced), rows).attributeValue(AwsSamlRules.ROLE_SESSION_NAME))
                .as("a custom application is not judged by AWS's rule").isEqualTo("Dave D");
        assertThat(resolver.resolve(request(new ExternalAwsAccountTemplate(), ALICE),
                List.of(new AttributeMapping(AwsSamlRules.ROLE_SESSION_NAME, "${user:email}", "unspecified")))
                .attributeValue(AwsSamlRules.ROLE_SESSION_NAME)).isEqualTo("alice@example.com");
    }
}
