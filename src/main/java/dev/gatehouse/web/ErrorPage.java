package dev.gatehouse.web;

/**
 * A full-page error shown to people (API callers get JSON instead), in the colours of the product it belongs to.
 *
 * @param theme {@code portal}, {@code admin} or {@code aws}
 */
public record ErrorPage(int status, String title, String message, String backHref, String theme, String product) {
    public ErrorPage(int status, String title, String message, String backHref) {
        this(status, title, message, backHref, "portal", "Gatehouse");
    }
}
