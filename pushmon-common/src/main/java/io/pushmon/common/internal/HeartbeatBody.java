package io.pushmon.common.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;

import io.pushmon.common.serde.Json;

/**
 * The body a job posted with one signal: the processor's answer to {@code GET
 * /internal/monitors/{id}/heartbeats/{seq}/body}, which the gateway turns back into the bytes. UTF-8 travels as text,
 * anything else as base64, so no byte is lost and a text body stays readable in the JSON.
 *
 * @param seq      the signal's sequence number in its monitor's history
 * @param encoding {@value #UTF_8} or {@value #BASE64}
 * @param body     the body in that encoding
 */
public record HeartbeatBody(long seq, String encoding, String body) {

    public static final String UTF_8 = "utf-8";
    public static final String BASE64 = "base64";

    /** Path of the read on the processor, relative to its base URL. */
    public static String path(String monitorId, long seq) {
        return "/internal/monitors/" + monitorId + "/heartbeats/" + seq + "/body";
    }

    public static HeartbeatBody of(long seq, byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return new HeartbeatBody(seq, UTF_8, text);
        } catch (CharacterCodingException e) {
            return new HeartbeatBody(seq, BASE64, Base64.getEncoder().encodeToString(bytes));
        }
    }

    /** The bytes as the job sent them. */
    public byte[] bytes() {
        return isText() ? body.getBytes(StandardCharsets.UTF_8) : Base64.getDecoder().decode(body);
    }

    @JsonIgnore
    public boolean isText() {
        return UTF_8.equals(encoding);
    }

    public String toJson() {
        try {
            return Json.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a body is always writable as JSON", e);
        }
    }

    /**
     * @throws UncheckedIOException when the answer is not a body
     */
    public static HeartbeatBody fromJson(String json) {
        try {
            HeartbeatBody read = Json.MAPPER.readValue(json, HeartbeatBody.class);
            if (read.body() == null || !(read.isText() || BASE64.equals(read.encoding()))) {
                throw new IOException("not a heartbeat body");
            }
            return read;
        } catch (IOException e) {
            throw new UncheckedIOException("not a heartbeat body", e);
        }
    }
}
