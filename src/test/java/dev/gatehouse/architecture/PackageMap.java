package dev.gatehouse.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The package map as {@code docs/architecture.md} writes it: one row per package under {@code dev.gatehouse},
 * naming the Gatehouse packages it may import in backticks ({@code —} for none). The architecture rules are read
 * from this table, so the doc and the checks cannot say different things.
 */
record PackageMap(Map<String, Set<String>> mayImport) {
    static final String BASE = "dev.gatehouse";
    static final Path DOC = Path.of("docs/architecture.md");
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([a-z][a-z0-9.]*)`\\s*\\|[^|]*\\|([^|]*)\\|\\s*$");
    private static final Pattern NAME = Pattern.compile("`([a-z][a-z0-9.]*)`");

    static PackageMap read() {
        try {
            return parse(Files.readAllLines(DOC));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the rows of the table under the {@code ## Package map} heading. */
    static PackageMap parse(List<String> lines) {
        Map<String, Set<String>> rows = new LinkedHashMap<>();
        boolean inSection = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                inSection = line.trim().equals("## Package map");
                continue;
            }
            Matcher row = ROW.matcher(line);
            if (inSection && row.matches()) {
                List<String> allowed = new ArrayList<>();
                Matcher name = NAME.matcher(row.group(2));
                while (name.find()) {
                    allowed.add(name.group(1));
                }
                if (rows.put(row.group(1), Set.copyOf(allowed)) != null) {
                    throw new IllegalStateException("the package map lists " + row.group(1) + " twice");
                }
            }
        }
        return new PackageMap(rows);
    }

    /** Full package names from the map's short ones ({@code apps} is {@code dev.gatehouse.apps}). */
    static String qualified(String shortName) {
        return BASE + "." + shortName;
    }

    Set<String> packages() {
        return mayImport.keySet();
    }

    Set<String> qualifiedAllowed(String pkg) {
        return mayImport.get(pkg).stream().map(PackageMap::qualified).collect(Collectors.toSet());
    }
}
