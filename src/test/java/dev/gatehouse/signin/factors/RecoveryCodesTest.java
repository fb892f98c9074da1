package dev.gatehouse.signin.factors;

import dev.gatehouse.ids.RandomIds;
import dev.gatehouse.testing.SeededRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link RecoveryCodes}: the shape of the ten codes, what they are drawn from, and how typed ones are read. */
class RecoveryCodesTest {

    @Test
    void generateGivesTenDistinctCodesOfTwoGroupsOfFiveLowerCaseBase32() {
        List<String> codes = RecoveryCodes.generate(new RandomIds(SeededRandom.of("recovery")));
        assertThat(codes).hasSize(RecoveryCodes.COUNT).hasSize(10).doesNotHaveDuplicates()
                .allSatisfy(c -> assertThat(c).matches("[a-z2-7]{5}-[a-z2-7]{5}"));
    }

    @Test
    void generateDrawsFromTheGivenRandomOnly() {
        assertThat(RecoveryCodes.generate(new RandomIds(SeededRandom.of("same"))))
                .isEqualTo(RecoveryCodes.generate(new RandomIds(SeededRandom.of("same"))))
                .isNotEqualTo(RecoveryCodes.generate(new RandomIds(SeededRandom.of("different"))));
    }

    @Test
    void generateOverManyDrawsUsesTheWholeAlphabet() {
        RandomIds ids = new RandomIds(SeededRandom.of("alphabet"));
        HashSet<Integer> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            RecoveryCodes.generate(ids).forEach(c -> c.replace("-", "").chars().forEach(seen::add));
        }
        assertThat(seen).hasSize(32); // 50 random bits per code: no letter of base32 is left out
    }

    @ParameterizedTest
    @ValueSource(strings = {"abcde-fghij", "ABCDE-FGHIJ", " abcde fghij ", "abcdefghij", "ab-cde-fgh-ij"})
    void looksLikeOneWhenTenSignificantCharactersThenTrue(String typed) {
        assertThat(RecoveryCodes.looksLikeOne(typed)).isTrue();
        assertThat(RecoveryCodes.normalise(typed)).isEqualTo("abcdefghij");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "123456", "123 456", "abcde-fghi", "abcde-fghijk"})
    void looksLikeOneWhenNotTenSignificantCharactersThenFalse(String typed) {
        assertThat(RecoveryCodes.looksLikeOne(typed)).isFalse();
    }
}
