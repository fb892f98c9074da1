package dev.gatehouse.devicelogin;

/** A user code the approval page cannot accept; the message is the sentence to show. */
public final class DeviceCodeException extends RuntimeException {
    DeviceCodeException(String message) {
        super(message, null, false, false);
    }
}
