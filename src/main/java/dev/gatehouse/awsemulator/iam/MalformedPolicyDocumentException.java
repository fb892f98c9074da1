package dev.gatehouse.awsemulator.iam;

/** A policy document that does not follow the IAM policy grammar; the message reads like AWS's. */
public class MalformedPolicyDocumentException extends IllegalArgumentException {
    public MalformedPolicyDocumentException(String message) {
        super(message);
    }
}
