package io.pushmon.gateway.accounts;

import io.pushmon.gateway.errors.ApiException;

/**
 * What a password must be: long enough to resist guessing, short enough that hashing it is no denial of service.
 * No composition rules: length is what makes a password strong.
 */
public final class PasswordRules {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 200;

    private PasswordRules() {
    }

    /** @throws ApiException 400 naming the rule the password breaks */
    public static void check(String password) {
        if (password == null || password.isEmpty()) {
            throw ApiException.badRequest("password is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            throw ApiException.badRequest("password must be at least " + MIN_LENGTH + " characters");
        }
        if (length > MAX_LENGTH) {
            throw ApiException.badRequest("password must be at most " + MAX_LENGTH + " characters");
        }
    }
}
