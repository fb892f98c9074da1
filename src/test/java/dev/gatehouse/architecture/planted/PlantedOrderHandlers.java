package dev.gatehouse.architecture.planted;

/** A planted violation for {@code ArchitectureRulesTest}: a handler that calls another handler. */
public final class PlantedOrderHandlers {
    private final PlantedPaymentHandlers payments = new PlantedPaymentHandlers();

    public String order() {
        return payments.charge() + Nested.tag();
    }

    /** Calling a class nested in the same handler is allowed. */
    static final class Nested {
        static String tag() {
            return "!";
        }
    }
}
