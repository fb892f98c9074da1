package dev.gatehouse.awsemulator.console;

/** Ends a console request with a 303 redirect (e.g. to the sign-in page); mapped in {@code EmulatorRoutes}. */
public final class ConsoleRedirect extends RuntimeException {
    private final String location;

    public ConsoleRedirect(String location) {
        super(null, null, false, false);
        this.location = location;
    }

    public String location() {
        return location;
    }
}
