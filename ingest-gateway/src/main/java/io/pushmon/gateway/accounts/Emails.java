package io.pushmon.gateway.accounts;

import java.util.Locale;
import java.util.regex.Pattern;

import io.pushmon.gateway.errors.ApiException;

/** Email addresses as accounts key them: trimmed and lower-cased, so one mailbox is one account. */
public final class Emails {

    /** No whitespace anywhere: an address goes into a mail header, where a line break would add headers. */
    private static final Pattern SHAPE = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final int MAX_LENGTH = 254;

    private Emails() {
    }

    /** @throws ApiException 400 when it is not the shape of an address */
    public static String normalize(String email) {
        String address = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        if (address.isEmpty()) {
            throw ApiException.badRequest("email is required");
        }
        if (address.length() > MAX_LENGTH || !SHAPE.matcher(address).matches()) {
            throw ApiException.badRequest("email is not a valid address");
        }
        return address;
    }
}
