package org.flam.metrics.internal.segment;

import java.lang.reflect.Proxy;

/** A configuration annotation whose every attribute has its declared default, as DS would pass it unconfigured. */
final class Defaults {

    private Defaults() {
    }

    static <A> A of(Class<A> configuration) {
        return configuration.cast(Proxy.newProxyInstance(configuration.getClassLoader(),
                new Class<?>[] {configuration}, (proxy, method, args) -> method.getDefaultValue()));
    }
}
