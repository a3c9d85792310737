package io.strimzi.crdgenerator.annotations;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stands in for the annotation of Strimzi's crd-generator (a provided-scope dependency of {@code io.strimzi:api},
 * not published where this build resolves from). Strimzi's model classes carry it, with runtime retention, on
 * every property that exists only in some API versions ({@code "v1alpha1-v1beta2"}, {@code "v1+"}); with a class
 * of this name on the class path reflection can read those ranges, and the deploy tests refuse properties that
 * the v1 API no longer has.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.TYPE})
public @interface PresentInVersions {
    String value();
}
