package io.pushmon.common.delivery;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What became of one attempt of a delivery, as the delivery log records it. */
public enum DeliveryOutcome {
    /** The receiver accepted it. */
    DELIVERED,
    /** It failed and another attempt is scheduled. */
    RETRYING,
    /** It failed for good (rejected, or the last attempt): the delivery is in the dead-letter topic. */
    FAILED,
    /** Nothing was sent: the channel no longer exists or belongs to another tenant. */
    SKIPPED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static DeliveryOutcome fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
