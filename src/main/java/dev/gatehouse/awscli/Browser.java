package dev.gatehouse.awscli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the verification page where a desktop is at hand; the printed URL is always the fallback. */
final class Browser {
    private Browser() {
    }

    static void open(String url) {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        String[] command = os.contains("mac") ? new String[]{"open", url}
                : os.contains("win") ? new String[]{"rundll32", "url.dll,FileProtocolHandler", url}
                : System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null ? new String[]{"xdg-open", url} : null;
        if (command == null || (command[0].equals("xdg-open") && !Files.isExecutable(Path.of("/usr/bin/xdg-open")))) {
            return;
        }
        try {
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            // no browser: the URL is printed
        }
    }
}
