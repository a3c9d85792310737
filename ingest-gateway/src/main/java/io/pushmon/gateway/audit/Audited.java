package io.pushmon.gateway.audit;

/** An answer that names the object a change made, so its audit entry can name it too (a create has no id yet). */
public interface Audited {

    /** Id of the object created or changed. */
    String id();
}
