package io.pushmon.gateway.monitors;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/monitors} and {@code PUT /api/monitors/{id}}. A PUT replaces all of these
 * fields; omitted optional ones fall back to their defaults.
 *
 * @param name           1..100 characters, not only blanks
 * @param timeoutSeconds expected interval between pushes, 1 s .. 365 days
 * @param graceSeconds   extra silence allowed after the timeout, 0 .. 365 days (default 0)
 * @param channelIds     channels of the caller's tenant to notify (default none)
 */
public record MonitorRequest(
        @NotBlank(message = "name is required and must not be blank")
        @Size(max = MonitorRequest.MAX_NAME, message = "name must be 1 to 100 characters")
        String name,
        @NotNull(message = "timeoutSeconds is required")
        @Min(value = 1, message = "timeoutSeconds must be between 1 and 31536000 (365 days)")
        @Max(value = MonitorRequest.MAX_SECONDS, message = "timeoutSeconds must be between 1 and 31536000 (365 days)")
        Long timeoutSeconds,
        @Min(value = 0, message = "graceSeconds must be between 0 and 31536000 (365 days)")
        @Max(value = MonitorRequest.MAX_SECONDS, message = "graceSeconds must be between 0 and 31536000 (365 days)")
        Long graceSeconds,
        @Size(max = MonitorRequest.MAX_CHANNELS, message = "at most 50 channelIds")
        List<@NotBlank(message = "channelIds must not contain blank ids") String> channelIds) {

    /** Longest name, in characters. */
    public static final int MAX_NAME = 100;
    /** 365 days: the longest timeout and grace. */
    public static final long MAX_SECONDS = 365L * 24 * 3600;
    /** Most channels per monitor. */
    public static final int MAX_CHANNELS = 50;

    long graceOrDefault() {
        return graceSeconds == null ? 0 : graceSeconds;
    }

    List<String> channelIdsOrNone() {
        return channelIds == null ? List.of() : channelIds.stream().distinct().toList();
    }
}
