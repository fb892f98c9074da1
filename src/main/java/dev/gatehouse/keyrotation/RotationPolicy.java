package dev.gatehouse.keyrotation;

import java.time.Duration;

/**
 * How rotation is paced.
 *
 * @param leadTime how long before the active key expires a NEXT key is made (default 60 days)
 * @param grace    how long the previous key stays published, as PASSIVE, after the next one becomes active: nodes
 *                 that cached the old key and assertions already in flight stay valid (default 7 days)
 * @param interval how often each node's worker ticks; {@link Duration#ZERO} runs no worker (tests tick by hand)
 */
public record RotationPolicy(Duration leadTime, Duration grace, Duration interval) {
    public static final RotationPolicy DEFAULT = new RotationPolicy(Duration.ofDays(60), Duration.ofDays(7), Duration.ofMinutes(1));

    public RotationPolicy withInterval(Duration every) {
        return new RotationPolicy(leadTime, grace, every);
    }
}
