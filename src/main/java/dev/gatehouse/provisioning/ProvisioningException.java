package dev.gatehouse.provisioning;

/** A refused provisioning setting (a bad URL or token, an application that cannot push); the message says why. */
public final class ProvisioningException extends RuntimeException {
    public ProvisioningException(String message) {
        super(message);
    }
}
