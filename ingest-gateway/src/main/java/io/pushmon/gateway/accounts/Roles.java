package io.pushmon.gateway.accounts;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import io.pushmon.common.model.Role;
import io.pushmon.gateway.errors.ApiException;

/** Roles as request bodies spell them: any case, {@code read-only} as well as {@code read_only}. */
public final class Roles {

    static final String NAMES = Arrays.stream(Role.values()).map(Roles::name).collect(Collectors.joining(", "));

    private Roles() {
    }

    /** @return null for null; @throws ApiException 400 for a name that is no role */
    public static Role parse(String name) {
        if (name == null) {
            return null;
        }
        try {
            return Role.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("role must be one of " + NAMES);
        }
    }

    /** The name answers use: lower case, {@code read-only}. */
    public static String name(Role role) {
        return role.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
