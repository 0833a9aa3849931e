package org.flam.api.graph.testing;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Component property types outside OSGi: the given values, else the annotation's defaults. */
public final class ComponentConfigs {

    private ComponentConfigs() {
    }

    /**
     * An instance of the configuration annotation {@code type}.
     *
     * @throws UnsupportedOperationException when a method without a default is called and no
     *                                       value was given
     */
    @SuppressWarnings("unchecked")
    public static <A> A of(Class<A> type, Map<String, ?> values) {
        return (A) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("annotationType")) {
                return type;
            }
            if (values.containsKey(method.getName())) {
                return values.get(method.getName());
            }
            Object d = method.getDefaultValue();
            if (d == null) {
                throw new UnsupportedOperationException(method.getName());
            }
            return d;
        });
    }
}
