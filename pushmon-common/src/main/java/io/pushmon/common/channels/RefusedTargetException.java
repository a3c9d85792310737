package io.pushmon.common.channels;

/** A URL pushmon will not call. The message is safe to show to the channel's owner: it names at most the host. */
public class RefusedTargetException extends Exception {

    public RefusedTargetException(String message) {
        super(message, null, false, false);
    }
}
