package io.pushmon.gateway.tenants;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.pushmon.common.model.Role;

/**
 * The least role a caller needs for a resource method (or every method of a resource class), checked by
 * {@link ApiKeyFilter}. Without it, reads need {@link Role#READ_ONLY} and writes {@link Role#MEMBER}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface RequiresRole {

    Role value();
}
