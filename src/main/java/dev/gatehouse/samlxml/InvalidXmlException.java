package dev.gatehouse.samlxml;

/** Input that is not acceptable XML: malformed, or carrying a DOCTYPE or other refused construct. */
public class InvalidXmlException extends IllegalArgumentException {
    public InvalidXmlException(String message, Throwable cause) {
        super(message, cause);
    }

    public InvalidXmlException(String message) {
        super(message);
    }
}
