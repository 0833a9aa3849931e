package org.flam.cli.internal;

import jakarta.json.spi.JsonProvider;

/** The one piece of JSON writing the commands need: string literals. */
final class Json {

    /** Looked up once: inside OSGi the lookup goes through the hk2 resource locator. */
    private static final JsonProvider PROVIDER = JsonProvider.provider();

    private Json() {
    }

    /** {@code s} as a JSON string literal, quoted and escaped (RFC 8259), by the JSON-P provider. */
    static String string(String s) {
        return PROVIDER.createValue(s).toString();
    }
}
