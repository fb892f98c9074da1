package dev.gatehouse.apps;

/** An (account, role) pair of a catalog instance that a user may use, with everything a launch or a listing needs. */
public record EntitledRole(App app, CatalogAccount account, CatalogRole role) {
    /** The portal's direct, bookmarkable launch address of this pair. */
    public String launchPath() {
        return "/launch/" + app.id() + "/" + account.accountId() + "/" + role.roleName();
    }
}
