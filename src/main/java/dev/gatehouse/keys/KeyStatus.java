package dev.gatehouse.keys;

/** A signing key's place in its rotation: ACTIVE signs and is published, PASSIVE is only published, RETIRED neither. */
public enum KeyStatus {
    ACTIVE, PASSIVE, RETIRED
}
