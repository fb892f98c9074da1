package dev.gatehouse.keys;

/**
 * A signing key's place in its rotation: ACTIVE signs and is published; NEXT is published beside it, ready to take
 * over once relying parties hold it; PASSIVE (the previous active key) is only published, through a grace period;
 * RETIRED neither. The order is the metadata's: the active certificate first.
 */
public enum KeyStatus {
    ACTIVE, NEXT, PASSIVE, RETIRED
}
