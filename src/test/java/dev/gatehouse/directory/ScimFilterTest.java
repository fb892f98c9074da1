package dev.gatehouse.directory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ScimFilter}: what it refuses as invalidFilter, and that values are bound, never written into the SQL.
 * What the filters select is tested over HTTP on both databases ({@code ScimFiltersTest}).
 */
class ScimFilterTest {
    private static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void whenNoFilterThenNoCondition(String filter) {
        assertThat(ScimFilter.users(filter)).isNull();
    }

    @Test
    void valuesAreBoundAndLowerCasedForNamesButNotForIds() {
        ListQuery.Where where = ScimFilter.users("userName eq \"Al'ice\" and externalId eq \"AbC\" or " + USER_SCHEMA + ":id eq \"u-1\"");

        assertThat(where.sql()).doesNotContain("Al'ice").doesNotContain("AbC");
        assertThat(where.binds()).containsValues("al'ice", "AbC", "u-1");
    }

    @Test
    void likePatternsEscapeTheirWildcards() {
        ListQuery.Where where = ScimFilter.users("userName co \"50%_off!\"");

        assertThat(where.binds()).containsValue("%50!%!_off!!%");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "userName eq alice", "userName eq \"a\" or 1 eq 1", "userName eq 'a'", "eq \"a\"", "userName eq \"unterminated",
            "(userName eq \"a\"", "userName zz \"a\"", "nickName eq \"al\"", "active co \"t\"", "active eq \"True\"",
            "meta.created gt \"yesterday\"", "userName eq 5", "emails[type eq \"work\"].value eq \"a@b\"",
            "urn:ietf:params:scim:schemas:core:2.0:Group:displayName eq \"x\"", "emails[value co \"a\" and emails[type eq \"w\"]]"})
    void whenInvalidOrUnsupportedThenInvalidFilter(String filter) {
        assertThatThrownBy(() -> ScimFilter.users(filter))
                .isInstanceOfSatisfying(ScimException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.scimType()).isEqualTo("invalidFilter");
                });
    }

    @Test
    void whenUnknownAttributeThenTheMessageNamesItAndTheSupportedOnes() {
        assertThatThrownBy(() -> ScimFilter.groups("userName eq \"alice\""))
                .isInstanceOf(ScimException.class)
                .hasMessageStartingWith("Filtering on \"userName\" is not supported; use one of ")
                .hasMessageContaining("displayname");
    }

    @Test
    void whenOverAThousandCharactersThenRefused() {
        String longFilter = "userName eq \"" + "a".repeat(990) + "\"";
        assertThatThrownBy(() -> ScimFilter.users(longFilter)).isInstanceOf(ScimException.class).hasMessage("The filter is too long.");
    }
}
