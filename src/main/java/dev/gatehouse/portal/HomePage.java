package dev.gatehouse.portal;

import dev.gatehouse.web.Chrome;

import java.util.List;

/** The access portal's list of the signed-in user's applications. */
public record HomePage(Chrome chrome, String greeting, List<Tile> tiles) {
    /** One application the user may launch. */
    public record Tile(String name, String description, String templateName, String launchUrl) {
    }
}
