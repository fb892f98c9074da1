package dev.gatehouse.keys;

/**
 * The master key is missing, malformed, or not the one the database's secrets were sealed under. Start-up stops
 * with this message rather than signing with keys it cannot read. The message never contains key material.
 */
public final class MasterKeyException extends RuntimeException {
    public MasterKeyException(String message) {
        super(message);
    }
}
