package dev.gatehouse.awsemulator;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Enforces {@code docs/emulator-fidelity.md}: every table row has six cells, a match column that is
 * {@code matches}, {@code differs: REASON} or {@code not emulated: REASON} with a reason, and a test column naming
 * at least one test method ({@code Class#method}, the class by simple or full name among the compiled tests) that
 * exists and is a JUnit test.
 */
class FidelityTableTest {
    static final Path TABLE = Path.of("docs/emulator-fidelity.md");
    private static final Pattern TEST_REF = Pattern.compile("([A-Za-z_][\\w.]*)#([A-Za-z_]\\w*)");

    @Test
    void everyRowNamesExistingTestsAndEveryDifferenceHasAReason() throws IOException {
        String markdown = Files.readString(TABLE);
        List<String> problems = problems(markdown);
        assertThat(problems).isEmpty();
        assertThat(rows(markdown)).as("rows in the table").hasSizeGreaterThan(20);
    }

    @Test
    void theCheckCatchesAMissingTestAMissingReasonAndAWrongShape() {
        String bad = """
                ## Example

                | operation | behaviour | AWS | emulator | match | test |
                |---|---|---|---|---|---|
                | A | a | x | y | differs | `FidelityTableTest#everyRowNamesExistingTestsAndEveryDifferenceHasAReason` |
                | B | b | x | y | not emulated:   | `FidelityTableTest#everyRowNamesExistingTestsAndEveryDifferenceHasAReason` |
                | C | c | x | y | matches | `FidelityTableTest#noSuchMethod` |
                | D | d | x | y | matches | `NoSuchClassAnywhere#test` |
                | E | e | x | y | maybe | — |
                | F | f | x | y | matches |
                | G | g | x | y | matches | `FidelityTableTest#rows` |
                | H | h | x | y | differs: the reason | `FidelityTableTest#everyRowNamesExistingTestsAndEveryDifferenceHasAReason` |
                """;
        List<String> problems = problems(bad);
        assertThat(problems).hasSize(8);
        assertThat(String.join("\\n", problems)).contains("| A |").contains("| B |").contains("noSuchMethod")
                .contains("NoSuchClassAnywhere").contains("| E |").contains("| F |").contains("not a JUnit test")
                .doesNotContain("| H |");
    }

    /** The body rows of every table (header and separator rows left out). */
    static List<String> rows(String markdown) {
        List<String> rows = new ArrayList<>();
        for (String line : markdown.split("\n")) {
            String t = line.trim();
            if (t.startsWith("|") && !t.startsWith("|---") && !t.startsWith("| operation |")) {
                rows.add(t);
            }
        }
        return rows;
    }

    static List<String> problems(String markdown) {
        List<String> problems = new ArrayList<>();
        for (String row : rows(markdown)) {
            String[] cells = row.substring(1, row.endsWith("|") ? row.length() - 1 : row.length()).split("\\|", -1);
            if (cells.length != 6) {
                problems.add("not six cells: " + row);
                continue;
            }
            String match = cells[4].trim();
            if (!match.equals("matches")) {
                Matcher m = Pattern.compile("(differs|not emulated):(.*)").matcher(match);
                if (!m.matches() || m.group(2).isBlank()) {
                    problems.add("match must be `matches`, `differs: REASON` or `not emulated: REASON`: " + row);
                }
            }
            Matcher refs = TEST_REF.matcher(cells[5]);
            boolean any = false;
            while (refs.find()) {
                any = true;
                String problem = checkTest(refs.group(1), refs.group(2));
                if (problem != null) {
                    problems.add(problem + ": " + row);
                }
            }
            if (!any) {
                problems.add("no Class#method in the test column: " + row);
            }
        }
        return problems;
    }

    private static String checkTest(String className, String methodName) {
        Class<?> type = findClass(className);
        if (type == null) {
            return "no test class " + className;
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(methodName)) {
                    boolean test = Stream.of(m.getAnnotations()).map(a -> a.annotationType().getName())
                            .anyMatch(n -> n.equals("org.junit.jupiter.api.Test") || n.equals("org.junit.jupiter.params.ParameterizedTest"));
                    return test ? null : className + "#" + methodName + " is not a JUnit test";
                }
            }
        }
        return "no method " + className + "#" + methodName;
    }

    /** A full name, or a simple name found once among the compiled test classes. */
    private static Class<?> findClass(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            // a simple name: look it up below
        }
        try {
            Path root = Path.of(FidelityTableTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (Stream<Path> files = Files.walk(root)) {
                List<Path> found = files.filter(p -> p.getFileName().toString().equals(name + ".class")).toList();
                if (found.size() != 1) {
                    return null;
                }
                String binary = root.relativize(found.get(0)).toString().replace('/', '.').replaceAll("\\.class$", "");
                return Class.forName(binary);
            }
        } catch (URISyntaxException | ClassNotFoundException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
