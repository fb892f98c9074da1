package dev.gatehouse.awscli;

import dev.gatehouse.storage.PrivateFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes profiles into the AWS CLI's config file: each named {@code [profile NAME]} section is replaced whole (or
 * added at the end), and every other line of the file stays exactly as it was, so running it twice changes nothing.
 */
final class AwsConfigFile {
    private AwsConfigFile() {
    }

    /** {@code profiles}: name → its lines (key = value) in order. */
    static void upsert(Path file, Map<String, List<String>> profiles) {
        List<String> lines;
        try {
            lines = Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, List<String>> pending = new LinkedHashMap<>(profiles);
        List<String> out = new ArrayList<>();
        String skipping = null;
        for (String line : lines) {
            String header = header(line);
            if (header != null) {
                skipping = pending.containsKey(header) ? header : null;
                if (skipping != null) {
                    section(out, header, pending.remove(header));
                    continue;
                }
            }
            if (skipping == null) {
                out.add(line);
            }
        }
        for (Map.Entry<String, List<String>> e : pending.entrySet()) {
            if (!out.isEmpty() && !out.get(out.size() - 1).isBlank()) {
                out.add("");
            }
            section(out, e.getKey(), e.getValue());
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".config-", ".tmp", PrivateFiles.fileMode());
            Files.write(tmp, out, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void section(List<String> out, String name, List<String> body) {
        out.add("[profile " + name + "]");
        out.addAll(body);
        out.add("");
    }

    /** The profile a section header names ({@code [profile X]}, or {@code [default]}), else null. */
    private static String header(String line) {
        String t = line.trim();
        if (!t.startsWith("[") || !t.endsWith("]")) {
            return null;
        }
        String inner = t.substring(1, t.length() - 1).trim();
        return inner.startsWith("profile ") ? inner.substring(8).trim() : inner;
    }
}
