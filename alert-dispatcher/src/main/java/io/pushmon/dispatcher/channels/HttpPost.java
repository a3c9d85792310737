package io.pushmon.dispatcher.channels;

import java.util.List;
import java.util.Map;

/**
 * One POST a sender wants made.
 *
 * @param url         where to
 * @param contentType the body's media type
 * @param body        the bytes to send, exactly as a signature was computed over them
 * @param headers     extra headers (Content-Type and User-Agent are set by {@link ChannelHttp})
 * @param secrets     strings that must never appear in an error (tokens, keys, the URL's path)
 * @param trusted     true when the URL comes from the operator's configuration rather than a tenant, so the
 *                    SSRF guard does not apply
 */
record HttpPost(String url, String contentType, byte[] body, Map<String, String> headers, List<String> secrets,
        boolean trusted) {

    HttpPost {
        headers = Map.copyOf(headers);
        secrets = List.copyOf(secrets);
    }
}
