package org.flam.augment.mixture.internal;

import jakarta.json.spi.JsonProvider;

/** The JSON writing the manifest needs: string literals. */
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
