package dev.gatehouse.awsemulator;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emulator sees the identity provider only as AWS does (metadata and assertion bytes), so no emulator source
 * may import the identity center's packages, its composition root or its session machinery.
 */
class EmulatorBoundaryTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/gatehouse/awsemulator");
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);
    private static final Pattern FORBIDDEN = Pattern.compile(
            "dev\\.gatehouse\\.(idp|portal|admin|directory|apps|keys|audit)(\\..*)?"
                    + "|dev\\.gatehouse\\.(IdentityCenter|Routes|Config|Main)(\\..*)?"
                    + "|dev\\.gatehouse\\.web\\.(WebSecurity|SessionStore|PrincipalResolver|Principal|Role)(\\..*)?");
    private static final Pattern QUALIFIED_USE = Pattern.compile("dev\\.gatehouse\\.(idp|portal|admin|directory|apps|keys|audit)\\.");

    @Test
    void emulatorSourcesImportNoIdentityCenterPackage() throws IOException {
        assertThat(SOURCES).isDirectory();
        List<String> violations = new ArrayList<>();
        int files = 0;
        try (Stream<Path> paths = Files.walk(SOURCES)) {
            for (Path file : paths.filter(p -> p.toString().endsWith(".java")).toList()) {
                files++;
                String source = Files.readString(file);
                Matcher m = IMPORT.matcher(source);
                while (m.find()) {
                    if (FORBIDDEN.matcher(m.group(2)).matches()) {
                        violations.add(file + " imports " + m.group(2));
                    }
                }
                Matcher q = QUALIFIED_USE.matcher(source.replaceAll("(?m)^\\s*import .*$", ""));
                if (q.find()) {
                    violations.add(file + " names " + q.group() + "… by its qualified name");
                }
            }
        }
        assertThat(files).as("emulator source files scanned").isGreaterThan(10);
        assertThat(violations).isEmpty();
    }

    @Test
    void forbiddenPatternCatchesAnIdentityCenterImport() {
        // Guards the guard: a pattern that matched nothing would make the test above pass vacuously.
        assertThat(FORBIDDEN.matcher("dev.gatehouse.idp.SingleSignOn").matches()).isTrue();
        assertThat(FORBIDDEN.matcher("dev.gatehouse.web.WebSecurity").matches()).isTrue();
        assertThat(FORBIDDEN.matcher("dev.gatehouse.web.Views").matches()).isFalse();
        assertThat(FORBIDDEN.matcher("dev.gatehouse.samlxml.SafeXml").matches()).isFalse();
    }
}
