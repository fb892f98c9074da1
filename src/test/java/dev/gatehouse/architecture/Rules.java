package dev.gatehouse.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.util.Set;
import java.util.TreeSet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/** The predicates and conditions {@link ArchitectureTest} builds its rules from. */
final class Rules {
    private Rules() {
    }

    /** The rule of one row of the package map: the row's classes depend only on what the row names. */
    static ArchRule row(PackageMap map, String pkg) {
        Set<String> allowed = new TreeSet<>(map.qualifiedAllowed(pkg));
        allowed.add(PackageMap.qualified(pkg));
        Set<String> named = new TreeSet<>(map.mayImport().get(pkg));
        return classes().that().resideInAPackage(PackageMap.qualified(pkg))
                .should().onlyDependOnClassesThat(outsideGatehouseOrIn(allowed))
                .as(pkg + " may import only " + (named.isEmpty() ? "third-party libraries" : String.join(", ", named)))
                .allowEmptyShould(false);
    }

    /** A class outside {@code dev.gatehouse} (JDK, third party), or one in exactly one of {@code packages}. */
    static DescribedPredicate<JavaClass> outsideGatehouseOrIn(Set<String> packages) {
        return DescribedPredicate.describe("are outside " + PackageMap.BASE + " or in " + packages,
                c -> !c.getPackageName().startsWith(PackageMap.BASE) || packages.contains(c.getPackageName()));
    }

    /** A {@code *Handlers} class, or a class or lambda nested in one. */
    static DescribedPredicate<JavaClass> handlers() {
        return DescribedPredicate.describe("are *Handlers (or nested in one)", Rules::isHandler);
    }

    static DescribedPredicate<JavaClass> outsideWebAndHandlers() {
        return DescribedPredicate.describe("are outside web and not *Handlers",
                c -> !c.getPackageName().equals(PackageMap.qualified("web")) && !isHandler(c));
    }

    /** Accesses no field, method or constructor of a {@code *Handlers} class other than its own. */
    static ArchCondition<JavaClass> notAccessAnotherHandler() {
        return new ArchCondition<>("not call another *Handlers class") {
            @Override
            public void check(JavaClass handler, ConditionEvents events) {
                for (JavaAccess<?> access : handler.getAccessesFromSelf()) {
                    JavaClass target = access.getTargetOwner();
                    if (isHandler(target) && !topLevel(target).equals(topLevel(handler))) {
                        events.add(SimpleConditionEvent.violated(access, access.getDescription()));
                    }
                }
            }
        };
    }

    /** The identity center's packages: every row of the map outside the emulator, the plumbing and the entry points. */
    static String[] identityCenterPackages(PackageMap map) {
        Set<String> sharedOrOutside = Set.of("web", "storage", "samlxml", "ids", "cli", "demo", "training");
        return map.packages().stream()
                .filter(p -> !p.startsWith("awsemulator") && !sharedOrOutside.contains(p))
                .map(PackageMap::qualified).toArray(String[]::new);
    }

    private static boolean isHandler(JavaClass c) {
        return topLevel(c).endsWith("Handlers");
    }

    private static String topLevel(JavaClass c) {
        String name = c.getName();
        int dollar = name.indexOf('$');
        return dollar < 0 ? name : name.substring(0, dollar);
    }
}
