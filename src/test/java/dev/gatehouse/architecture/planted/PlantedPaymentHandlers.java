package dev.gatehouse.architecture.planted;

/** The handler {@link PlantedOrderHandlers} wrongly calls. */
public final class PlantedPaymentHandlers {
    public String charge() {
        return "charged";
    }
}
