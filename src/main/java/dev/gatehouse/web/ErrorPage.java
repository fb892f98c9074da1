package dev.gatehouse.web;

/**
 * A full-page error shown to people (API callers get JSON instead), in the frame of the product it belongs to: its
 * navigation stays, so an error is never a dead end.
 */
public record ErrorPage(int status, String title, String message, String backHref, Chrome chrome) {
}
