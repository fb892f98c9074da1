package dev.gatehouse.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.gatehouse.architecture.planted.PlantedOrderHandlers;
import dev.gatehouse.architecture.planted.PlantedPaymentHandlers;
import dev.gatehouse.web.WebSecurity;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The architecture rules can fail: each is run against a planted violation, so a rule that silently checks
 * nothing (a parsing slip, a predicate that matches no class) turns this test red instead of passing CI.
 */
class ArchitectureRulesTest {

    @Test
    void packageMapReadsOnlyTheTableUnderItsHeadingAndADashMeansNothing() {
        PackageMap map = PackageMap.parse(List.of(
                "## Something else",
                "| `elsewhere` | not a row of the map | `web` |",
                "## Package map",
                "| package | owns | may import |",
                "|---|---|---|",
                "| `apps` | applications | `directory`, `keys` |",
                "| `audit` | the audit log | — |",
                "## One sign-in, end to end",
                "| `later` | not a row either | `apps` |"));

        assertThat(map.mayImport()).containsOnlyKeys("apps", "audit");
        assertThat(map.mayImport().get("apps")).containsExactlyInAnyOrder("directory", "keys");
        assertThat(map.mayImport().get("audit")).isEmpty();
    }

    @Test
    void packageMapRefusesARowListedTwice() {
        assertThatThrownBy(() -> PackageMap.parse(List.of("## Package map", "| `apps` | a | — |", "| `apps` | b | — |")))
                .hasMessageContaining("apps twice");
    }

    @Test
    void rowRuleFailsWhenTheCodeImportsAPackageItsRowDoesNotName() {
        JavaClasses web = new ClassFileImporter().importClasses(WebSecurity.class);
        PackageMap real = PackageMap.read();
        assertThat(real.mayImport().get("web")).as("WebSecurity draws its CSRF tokens from ids").contains("ids");
        Map<String, Set<String>> withoutIds = new LinkedHashMap<>(real.mayImport());
        Set<String> webRow = new HashSet<>(withoutIds.get("web"));
        webRow.remove("ids");
        withoutIds.put("web", webRow);

        Rules.row(real, "web").check(web);
        assertThatThrownBy(() -> Rules.row(new PackageMap(withoutIds), "web").check(web))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("web may import only")
                .hasMessageContaining("dev.gatehouse.ids.RandomIds");
    }

    @Test
    void rowRuleFailsWhenItsPackageHasNoClass() {
        JavaClasses web = new ClassFileImporter().importClasses(WebSecurity.class);

        assertThatThrownBy(() -> Rules.row(PackageMap.read(), "audit").check(web))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("failed to check any classes");
    }

    @Test
    void handlerRuleCatchesAHandlerCallingAnotherButAllowsItsOwnNestedClass() {
        JavaClasses planted = new ClassFileImporter().importPackagesOf(PlantedOrderHandlers.class);

        assertThatThrownBy(() -> classes().that(Rules.handlers()).should(Rules.notAccessAnotherHandler()).check(planted))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(PlantedPaymentHandlers.class.getName() + ".charge()")
                .hasMessageNotContaining("Nested.tag()");
    }
}
