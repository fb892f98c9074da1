package dev.gatehouse.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import dev.gatehouse.identitycenter.IdentityCenter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The architecture of {@code docs/architecture.md}, checked: one rule per row of its package map (read from the
 * doc itself), and the rules the map's prose states (no cycles, HTTP only in handlers, Santuario only in samlxml,
 * no handler calling another, nothing in the root package, a package-info per package).
 */
class ArchitectureTest {
    private static JavaClasses production;
    private static PackageMap map;

    @BeforeAll
    static void importClasses() {
        // The production classes' own directory (or jar), wherever the build put it: tests are not part of the map.
        production = new ClassFileImporter().importLocations(Set.of(Location.of(productionClasses())));
        map = PackageMap.read();
    }

    /** One test per row of the package map, named as the row: its classes import only what the row allows. */
    @TestFactory
    Stream<DynamicTest> eachPackageImportsOnlyWhatTheMapAllows() {
        assertThat(map.packages()).as("rows of the package map in " + PackageMap.DOC).hasSizeGreaterThan(20);
        return map.packages().stream().map(pkg -> DynamicTest.dynamicTest(pkg, () -> Rules.row(map, pkg).check(production)));
    }

    @Test
    void everyPackageHasARowAndEveryRowAPackage() {
        Set<String> inCode = production.stream().map(JavaClass::getPackageName)
                .filter(p -> p.startsWith(PackageMap.BASE + "."))
                .map(p -> p.substring(PackageMap.BASE.length() + 1))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(new TreeSet<>(map.packages())).as("packages in the map of " + PackageMap.DOC).isEqualTo(inCode);
    }

    @Test
    void theMapNamesOnlyPackagesThatExist() {
        Set<String> named = map.mayImport().values().stream().flatMap(Set::stream).collect(Collectors.toSet());
        assertThat(map.packages()).containsAll(named);
    }

    @Test
    void noCyclesBetweenPackages() {
        slices().matching(PackageMap.BASE + ".(**)").should().beFreeOfCycles().check(production);
    }

    @Test
    void theRootPackageHoldsNoClass() {
        noClasses().that().doNotHaveSimpleName("package-info").should().resideInAPackage(PackageMap.BASE)
                .allowEmptyShould(true).check(production);
    }

    @Test
    void javalinsContextStaysInWebAndHandlers() {
        noClasses().that(Rules.outsideWebAndHandlers()).should().dependOnClassesThat()
                .resideInAPackage("io.javalin.http").check(production);
    }

    @Test
    void onlySamlxmlTouchesTheXmlSignatureLibrary() {
        noClasses().that().resideOutsideOfPackage(PackageMap.qualified("samlxml")).should().dependOnClassesThat()
                .resideInAnyPackage("org.apache.xml.security..", "javax.xml.crypto..").check(production);
    }

    @Test
    void noHandlerCallsAnotherHandler() {
        classes().that(Rules.handlers()).should(Rules.notAccessAnotherHandler()).check(production);
    }

    @Test
    void theEmulatorNeverSeesTheIdentityCenter() {
        noClasses().that().resideInAPackage(PackageMap.qualified("awsemulator..")).should().dependOnClassesThat()
                .resideInAnyPackage(Rules.identityCenterPackages(map)).check(production);
    }

    @Test
    void everyPackageHasAPackageInfo() throws IOException {
        Path sources = Path.of("src/main/java/dev/gatehouse");
        List<Path> missing;
        try (Stream<Path> dirs = Files.walk(sources)) {
            missing = dirs.filter(Files::isDirectory)
                    .filter(d -> hasJava(d) && !Files.exists(d.resolve("package-info.java"))).toList();
        }
        assertThat(missing).isEmpty();
    }

    private static java.net.URI productionClasses() {
        try {
            return IdentityCenter.class.getProtectionDomain().getCodeSource().getLocation().toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean hasJava(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".java"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
