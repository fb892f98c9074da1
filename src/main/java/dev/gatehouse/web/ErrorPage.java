package dev.gatehouse.web;

/** A full-page error shown to people (API callers get JSON instead). */
public record ErrorPage(int status, String title, String message, String backHref) {
}
