package dev.gatehouse.keyrotation;

import dev.gatehouse.web.Chrome;

/** The rotation page of one application ({@code keyrotation/rotation.jte}). */
public record RotationPage(Chrome chrome, String csrfToken, RotationView view, String notice, String error) {
}
