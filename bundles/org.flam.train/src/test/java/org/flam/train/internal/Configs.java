package org.flam.train.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Component property types for tests: a proxy answering the given values, else the defaults. */
final class Configs {
    private Configs() {
    }

    @SuppressWarnings("unchecked")
    static <A> A of(Class<A> type, Map<String, Object> values) {
        return (A) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("annotationType")) {
                return type;
            }
            Object v = values.get(method.getName());
            if (v == null) {
                v = method.getDefaultValue();
            }
            if (v == null) {
                throw new IllegalStateException("no value for " + method.getName());
            }
            return v;
        });
    }
}
