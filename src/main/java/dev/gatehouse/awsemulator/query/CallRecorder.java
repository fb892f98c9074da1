package dev.gatehouse.awsemulator.query;

/**
 * Told about every call an operation answered (success or refusal), after it was answered and before the response
 * is sent, so an event trail can keep it. The wire adapters know no more about it than this.
 */
public interface CallRecorder {

    /** Must not throw for a call it cannot use; the caller's answer does not depend on it. */
    void record(ApiCall call);

    /** Records nothing (tests of other rooms). */
    CallRecorder NONE = call -> { };
}
