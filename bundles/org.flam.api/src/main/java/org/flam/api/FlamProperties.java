package org.flam.api;

/**
 * Service property names shared by every FLAM plug-in and consumer.
 *
 * <p>Every plug-in service registers {@link #NAME}; a consumer exposes
 * {@code <reference>.target} in its configuration and an assembly picks an implementation
 * with an LDAP filter such as {@code "textEncoder.target": "(flam.name=minilm)"}.
 */
public final class FlamProperties {

    /** Short, stable name of a plug-in implementation, e.g. {@code siglip} or {@code minilm}. */
    public static final String NAME = "flam.name";

    /** Name under which a {@link org.flam.api.command.Command} is invoked, e.g. {@code info}. */
    public static final String COMMAND = "flam.command";

    private FlamProperties() {
    }
}
