package dev.gatehouse.apps;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link MappingRules} with the real templates: the rules every template shares, then each template's own. */
class MappingRulesTest {
    private static final AppTemplate AWS = new ExternalAwsAccountTemplate();
    private static final AppTemplate CUSTOM = new CustomSamlTemplate();
    private static final String PROVIDER = "arn:aws:iam::123456789012:saml-provider/Gatehouse";
    private static final String ROLE = "arn:aws:iam::123456789012:role/ReadOnly";

    private static AttributeMapping subject() {
        return new AttributeMapping("Subject", "${user:subject}", "persistent");
    }

    private static AttributeMapping row(String attribute, String value) {
        return new AttributeMapping(attribute, value, "unspecified");
    }

    @Test
    void problemsWhenTheGuidesAwsMappingsThenNone() {
        assertThat(MappingRules.problems(AWS, List.of(subject(), row(AwsSamlRules.ROLE, PROVIDER + "," + ROLE),
                row(AwsSamlRules.ROLE_SESSION_NAME, "${user:email}"), row(AwsSamlRules.SESSION_DURATION, "3600")))).isEmpty();
        assertThat(MappingRules.problems(AWS, List.of(subject(), row(AwsSamlRules.ROLE, ROLE + " , " + PROVIDER)))).as("either order")
                .isEmpty();
        assertThat(MappingRules.problems(AWS, List.of())).isEmpty();
    }

    @Test
    void problemsWhenRowIncompleteThenNamedByRowNumber() {
        List<AttributeMapping> rows = Arrays.asList(subject(), null, new AttributeMapping(" ", "x", "unspecified"),
                new AttributeMapping("email", null, "unspecified"), new AttributeMapping("email", "x", null));
        assertThat(MappingRules.problems(CUSTOM, rows)).containsExactly(
                "Row 2: each mapping needs an attribute, a value and a format.",
                "Row 3: each mapping needs an attribute, a value and a format.",
                "Row 4: each mapping needs an attribute, a value and a format.",
                "Row 5: each mapping needs an attribute, a value and a format.");
    }

    @Test
    void problemsWhenValueBlankOrTooLongThenSaid() {
        assertThat(MappingRules.problems(CUSTOM, List.of(row("email", "  ")))).containsExactly("Row 1: the value of email is empty.");
        assertThat(MappingRules.problems(CUSTOM, List.of(row("a".repeat(1025), "x"), row("b", "v".repeat(2049)))))
                .containsExactly("Row 1: attribute names are limited to 1024 characters and values to 2048.",
                        "Row 2: attribute names are limited to 1024 characters and values to 2048.");
        assertThat(MappingRules.problems(CUSTOM, List.of(row("a".repeat(1024), "v".repeat(2048))))).isEmpty();
    }

    @Test
    void problemsWhenMoreThanFiftyRowsThenOnlyThat() {
        List<AttributeMapping> rows = new ArrayList<>(Collections.nCopies(51, row("same", "")));
        assertThat(MappingRules.problems(CUSTOM, rows)).containsExactly("At most 50 attribute mappings per application.");
        List<AttributeMapping> fifty = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fifty.add(row("attr" + i, "v"));
        }
        assertThat(MappingRules.problems(CUSTOM, fifty)).isEmpty();
    }

    @Test
    void problemsWhenAttributeMappedTwiceThenSaidOnceForTheSecondRow() {
        assertThat(MappingRules.problems(CUSTOM, List.of(row("email", "${user:email}"), row("email", "x"))))
                .containsExactly("Row 2: email is mapped twice; keep one row per attribute.");
        assertThat(MappingRules.problems(CUSTOM, List.of(subject(), subject())))
                .containsExactly("Row 2: Subject is mapped twice; keep one row per attribute.");
    }

    @Test
    void problemsWhenFormatNotAllowedThenTheAllowedOnesListed() {
        assertThat(MappingRules.problems(CUSTOM, List.of(new AttributeMapping("Subject", "${user:email}", "basic"))))
                .containsExactly("Row 1: format \"basic\" is not allowed for Subject; choose one of emailAddress, persistent, transient, unspecified.");
        assertThat(MappingRules.problems(CUSTOM, List.of(new AttributeMapping("email", "${user:email}", "persistent"))))
                .containsExactly("Row 1: format \"persistent\" is not allowed for email; choose one of basic, unspecified, uri.");
    }

    @Test
    void problemsWhenPlaceholderUnknownOrOpenThenSaid() {
        assertThat(MappingRules.problems(CUSTOM, List.of(row("a", "${user:shoeSize}"))))
                .singleElement().asString().startsWith("Row 1: Unknown placeholder ${user:shoeSize}. Use one of: ${user:costCenter}")
                .contains("${user:email}").contains("${user:department}");
        assertThat(MappingRules.problems(CUSTOM, List.of(row("a", "${user:email"))))
                .containsExactly("Row 1: A placeholder is not closed: write ${user:email}, for example.");
    }

    @Test
    void problemsWhenSecondAwsRoleRowThenTheGuidesLimitationOnceNamingTheRowAndNotMappedTwice() {
        List<String> problems = MappingRules.problems(AWS, List.of(subject(), row(AwsSamlRules.ROLE, PROVIDER + "," + ROLE),
                row(AwsSamlRules.ROLE_SESSION_NAME, "${user:email}"),
                row(AwsSamlRules.ROLE, PROVIDER + ",arn:aws:iam::123456789012:role/Admin")));
        assertThat(problems).containsExactly("Row 4 maps Role again (row 2 already does). "
                + ExternalAwsAccountTemplate.ONE_ROLE_LIMITATION);
    }

    @Test
    void problemsWhenSecondRoleRowOnCustomTemplateThenMappedTwice() {
        assertThat(MappingRules.problems(CUSTOM, List.of(row(AwsSamlRules.ROLE, PROVIDER + "," + ROLE), row(AwsSamlRules.ROLE, "x"))))
                .containsExactly("Row 2: " + AwsSamlRules.ROLE + " is mapped twice; keep one row per attribute.");
    }

    @Test
    void problemsWhenAwsRoleValueMalformedThenEachMissingArnNamed() {
        assertThat(MappingRules.problems(AWS, List.of(row(AwsSamlRules.ROLE, ROLE)))).containsExactly(
                "Row 1: the Role value must be two ARNs separated by a comma: "
                        + "arn:aws:iam::ACCOUNTID:saml-provider/SAMLPROVIDERNAME,arn:aws:iam::ACCOUNTID:role/ROLENAME.");
        assertThat(MappingRules.problems(AWS, List.of(row(AwsSamlRules.ROLE, ROLE + "," + ROLE)))).containsExactly(
                "Row 1: the Role value has no valid SAML provider ARN (arn:aws:iam::ACCOUNTID:saml-provider/NAME).");
        assertThat(MappingRules.problems(AWS, List.of(row(AwsSamlRules.ROLE, PROVIDER + ",arn:aws:iam::12345:role/X")))).containsExactly(
                "Row 1: the Role value has no valid role ARN (arn:aws:iam::ACCOUNTID:role/NAME).");
        assertThat(MappingRules.problems(CUSTOM, List.of(row(AwsSamlRules.ROLE, "anything")))).as("custom apps send what they like")
                .isEmpty();
    }

    @Test
    void problemsWhenAwsRoleSessionNameOrSessionDurationBreakAwsRulesThenSaid() {
        assertThat(MappingRules.problems(AWS, List.of(row(AwsSamlRules.ROLE_SESSION_NAME, "has space")))).containsExactly(
                "Row 1: RoleSessionName \"has space\" must match " + AwsSamlRules.ROLE_SESSION_NAME_RULE + ".");
        assertThat(MappingRules.problems(AWS, List.of(row(AwsSamlRules.ROLE_SESSION_NAME, "${user:name}"))))
                .as("placeholders are judged per user, at launch").isEmpty();
        for (String bad : List.of("899", "43201", "1h", "-900")) {
            assertThat(MappingRules.problems(AWS, List.of(row(AwsSamlRules.SESSION_DURATION, bad)))).as(bad).containsExactly(
                    "Row 1: SessionDuration must be a number of seconds from 900 to 43200.");
        }
        for (String good : List.of("900", "43200")) {
            assertThat(MappingRules.problems(AWS, List.of(row(AwsSamlRules.SESSION_DURATION, good)))).as(good).isEmpty();
        }
    }

    @Test
    void problemsCollectsEveryProblemRatherThanStoppingAtTheFirst() {
        assertThat(MappingRules.problems(AWS, List.of(new AttributeMapping("Subject", "${user:x}", "basic"),
                row(AwsSamlRules.ROLE_SESSION_NAME, "a"), row("", "x")))).hasSize(4);
    }
}
