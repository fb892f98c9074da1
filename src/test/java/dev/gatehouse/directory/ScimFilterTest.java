package dev.gatehouse.directory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ScimFilter}: {@code attribute eq "value"} on the known attributes, and invalidFilter for anything else. */
class ScimFilterTest {
    private static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    private static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";

    private static ScimFilter.Equals user(String filter) {
        return ScimFilter.parse(filter, ScimFilter.USER_ATTRIBUTES, USER_SCHEMA);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void parseWhenNoFilterThenNull(String filter) {
        assertThat(user(filter)).isNull();
    }

    @Test
    void parseThenAttributeAndUnquotedValue() {
        assertThat(user("userName eq \"alice\"")).isEqualTo(new ScimFilter.Equals(ListQuery.Attribute.USER_NAME, "alice"));
        assertThat(user("  USERNAME EQ \"alice\"  ")).as("names and operator case-insensitive")
                .isEqualTo(new ScimFilter.Equals(ListQuery.Attribute.USER_NAME, "alice"));
        assertThat(user("emails.value eq \"a@example.com\"")).isEqualTo(new ScimFilter.Equals(ListQuery.Attribute.EMAIL, "a@example.com"));
        assertThat(user("emails eq \"a@example.com\"")).isEqualTo(new ScimFilter.Equals(ListQuery.Attribute.EMAIL, "a@example.com"));
        assertThat(user("displayName eq \"Alice A\"")).isEqualTo(new ScimFilter.Equals(ListQuery.Attribute.DISPLAY_NAME, "Alice A"));
        assertThat(user("id eq \"u-1\"")).isEqualTo(new ScimFilter.Equals(ListQuery.Attribute.ID, "u-1"));
        assertThat(user(USER_SCHEMA + ":userName eq \"alice\"")).as("schema-prefixed name")
                .isEqualTo(new ScimFilter.Equals(ListQuery.Attribute.USER_NAME, "alice"));
    }

    @Test
    void parseThenJsonEscapesInTheValueAreDecoded() {
        assertThat(user("userName eq \"a\\\"b\\\\c\\u00e9\"").value()).isEqualTo("a\"b\\cé");
        assertThat(user("userName eq \"\"").value()).isEmpty();
    }

    @Test
    void parseGroupsThenOnlyGroupAttributes() {
        assertThat(ScimFilter.parse("displayName eq \"Admins\"", ScimFilter.GROUP_ATTRIBUTES, GROUP_SCHEMA))
                .isEqualTo(new ScimFilter.Equals(ListQuery.Attribute.DISPLAY_NAME, "Admins"));
        assertThatThrownBy(() -> ScimFilter.parse("userName eq \"alice\"", ScimFilter.GROUP_ATTRIBUTES, GROUP_SCHEMA))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo("invalidFilter"))
                .hasMessageStartingWith("Filtering on \"userName\" is not supported; use one of ");
        assertThatThrownBy(() -> ScimFilter.parse(USER_SCHEMA + ":displayName eq \"x\"", ScimFilter.GROUP_ATTRIBUTES, GROUP_SCHEMA))
                .as("another resource's schema prefix").isInstanceOf(ScimException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "userName sw \"al\"", "userName eq alice", "userName eq \"a\" and id eq \"b\"", "userName pr",
            "userName eq \"a\" or 1 eq 1", "(userName eq \"a\")", "userName eq 'a'", "eq \"a\"", "userName eq \"unterminated"})
    void parseWhenNotTheOneSupportedShapeThenInvalidFilter(String filter) {
        assertThatThrownBy(() -> user(filter))
                .isInstanceOfSatisfying(ScimException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.scimType()).isEqualTo("invalidFilter");
                })
                .hasMessageStartingWith("Unsupported filter \"" + filter + "\": Gatehouse answers only filters of the form attribute eq \"value\"");
    }

    @Test
    void parseWhenUnknownAttributeThenInvalidFilterNamingIt() {
        assertThatThrownBy(() -> user("nickName eq \"al\""))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo("invalidFilter"))
                .hasMessageStartingWith("Filtering on \"nickName\" is not supported; use one of ");
    }

    @Test
    void parseWhenValueIsNotAValidJsonStringThenInvalidFilter() {
        assertThatThrownBy(() -> user("userName eq \"\\x41\""))
                .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.scimType()).isEqualTo("invalidFilter"))
                .hasMessage("The filter's value is not a valid quoted string.");
    }

    @Test
    void parseWhenOverAThousandCharactersThenRefusedBeforeMatching() {
        String longFilter = "userName eq \"" + "a".repeat(990) + "\"";
        assertThat(longFilter).hasSizeGreaterThan(1000);
        assertThatThrownBy(() -> user(longFilter)).isInstanceOf(ScimException.class).hasMessage("The filter is too long.");
        String atLimit = "userName eq \"" + "a".repeat(1000 - 14) + "\"";
        assertThat(atLimit).hasSize(1000);
        assertThat(user(atLimit).value()).hasSize(986);
    }
}
