package dev.gatehouse.web;

/** Keeps post-sign-in redirects on this site: only plain relative paths pass, so {@code next} cannot send users away. */
public final class LocalRedirect {
    private LocalRedirect() {
    }

    public static String orDefault(String next, String fallback) {
        if (next == null || next.isEmpty() || next.length() > 4000 || !next.startsWith("/") || next.startsWith("//")
                || next.contains("\\") || next.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            return fallback;
        }
        return next;
    }
}
