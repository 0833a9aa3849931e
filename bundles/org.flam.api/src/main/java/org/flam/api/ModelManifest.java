package org.flam.api;

import java.lang.reflect.Array;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What produced a trained model: the bundles and component configurations it was built and
 * trained with, the training seed and data, and when. Stored in the model directory beside
 * the graph and weights (DESIGN.md, "How the pieces talk"); a model loader compares
 * {@link #bundles()} with the installed bundles ({@link #missingBundles},
 * {@link #versionMismatches}) and names what is missing rather than failing deep inside
 * graph loading.
 *
 * <p>Maps are sorted by key (PID, then property name) so that a manifest written to JSON is
 * byte-for-byte the same for the same content. Configuration values are restricted to what
 * OSGi configurations and JSON both hold (strings, numbers, booleans and lists of them), and
 * arrays are turned into unmodifiable lists, so the manifest is immutable.
 *
 * @param bundles          bundles in the order the producer listed them, distinct symbolic
 *                         names; unmodifiable
 * @param configurations   PID (or factory PID with name, {@code pid~name}) to the component's
 *                         configuration properties; unmodifiable, sorted
 * @param seed             the training seed
 * @param dataManifestHash hex digest (e.g. SHA-256) of the training data's manifest, so a model
 *                         can be traced to the exact data; lower-cased, not empty
 * @param createdAt        when training finished (UTC instant)
 * @param notes            free-form text, e.g. the command line or stage; may be empty
 */
public record ModelManifest(List<BundleRef> bundles, Map<String, Map<String, Object>> configurations,
        long seed, String dataManifestHash, Instant createdAt, String notes) {

    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

    /**
     * Validates and copies.
     *
     * @throws NullPointerException     if an argument, a bundle, a PID, a property name or a
     *                                  property value is null
     * @throws IllegalArgumentException if two bundles share a symbolic name, a PID or
     *                                  property name is blank, a property value is not a
     *                                  String, Boolean, Number, Character or an array or
     *                                  collection of those, or the hash is not hex
     */
    public ModelManifest {
        bundles = List.copyOf(bundles);
        Set<String> names = new HashSet<>();
        for (BundleRef b : bundles) {
            if (!names.add(b.symbolicName())) {
                throw new IllegalArgumentException(
                        "bundles must have distinct symbolic names, " + b.symbolicName() + " repeats");
            }
        }
        configurations = copyConfigurations(configurations);
        Objects.requireNonNull(dataManifestHash, "dataManifestHash");
        dataManifestHash = dataManifestHash.strip().toLowerCase(Locale.ROOT);
        if (!HEX.matcher(dataManifestHash).matches()) {
            throw new IllegalArgumentException(
                    "dataManifestHash must be a hex digest, got \"" + dataManifestHash + "\"");
        }
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(notes, "notes");
    }

    /** The entry for {@code symbolicName}, if the model names that bundle. */
    public Optional<BundleRef> bundle(String symbolicName) {
        return bundles.stream().filter(b -> b.symbolicName().equals(symbolicName)).findFirst();
    }

    /**
     * Symbolic names of the bundles this model needs that are not installed, in
     * {@link #bundles()} order; empty if all are present. A bundle installed in another
     * version is not missing (see {@link #versionMismatches}).
     *
     * @param installedBundleVersions installed symbolic name to version, e.g. from
     *                                {@code Bundle.getSymbolicName()} and
     *                                {@code Bundle.getVersion().toString()}; a null version
     *                                counts as not installed
     * @return a new modifiable list owned by the caller
     */
    public List<String> missingBundles(Map<String, String> installedBundleVersions) {
        Objects.requireNonNull(installedBundleVersions, "installedBundleVersions");
        List<String> missing = new ArrayList<>();
        for (BundleRef b : bundles) {
            if (installedBundleVersions.get(b.symbolicName()) == null) {
                missing.add(b.symbolicName());
            }
        }
        return missing;
    }

    /**
     * Symbolic names of the bundles this model needs that are installed in a different version,
     * in {@link #bundles()} order. Versions compare as OSGi versions ({@code 1.0} equals
     * {@code 1.0.0}); the qualifier counts, so {@code 0.1.0.SNAPSHOT} differs from
     * {@code 0.1.0}. An installed version that is not a valid OSGi version differs from every
     * recorded one. Missing bundles are not listed here (see {@link #missingBundles}).
     *
     * @param installedBundleVersions installed symbolic name to version, as for
     *                                {@link #missingBundles}
     * @return a new modifiable list owned by the caller
     */
    public List<String> versionMismatches(Map<String, String> installedBundleVersions) {
        Objects.requireNonNull(installedBundleVersions, "installedBundleVersions");
        List<String> mismatches = new ArrayList<>();
        for (BundleRef b : bundles) {
            String installed = installedBundleVersions.get(b.symbolicName());
            if (installed != null && !b.version().equals(BundleRef.canonicalOrNull(installed))) {
                mismatches.add(b.symbolicName());
            }
        }
        return mismatches;
    }

    private static Map<String, Map<String, Object>> copyConfigurations(
            Map<String, Map<String, Object>> configurations) {
        Objects.requireNonNull(configurations, "configurations");
        Map<String, Map<String, Object>> copy = new TreeMap<>();
        configurations.forEach((pid, properties) -> {
            Checks.nonBlank(pid, "configurations PID");
            Objects.requireNonNull(properties, "configurations[" + pid + "]");
            Map<String, Object> props = new TreeMap<>();
            properties.forEach((key, value) -> {
                Checks.nonBlank(key, "configurations[" + pid + "] property name");
                String field = "configurations[" + pid + "][" + key + "]";
                props.put(key, copyValue(value, field));
            });
            copy.put(pid, Collections.unmodifiableMap(props));
        });
        return Collections.unmodifiableMap(copy);
    }

    private static Object copyValue(Object value, String field) {
        Objects.requireNonNull(value, field);
        if (value.getClass().isArray()) {
            int n = Array.getLength(value);
            List<Object> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(scalar(Array.get(value, i), field + "[" + i + "]"));
            }
            return Collections.unmodifiableList(list);
        }
        if (value instanceof Collection<?> c) {
            List<Object> list = new ArrayList<>(c.size());
            int i = 0;
            for (Object element : c) {
                list.add(scalar(element, field + "[" + i++ + "]"));
            }
            return Collections.unmodifiableList(list);
        }
        return scalar(value, field);
    }

    private static Object scalar(Object value, String field) {
        Objects.requireNonNull(value, field);
        if (value instanceof String || value instanceof Boolean || value instanceof Character
                || value instanceof Integer || value instanceof Long || value instanceof Double
                || value instanceof Float || value instanceof Short || value instanceof Byte) {
            return value;
        }
        throw new IllegalArgumentException(field + " must be a String, Boolean, Character, "
                + "boxed primitive number, or an array or collection of those; got "
                + value.getClass().getName() + " " + value);
    }

    /**
     * A bundle that contributed to a model.
     *
     * @param symbolicName Bundle-SymbolicName, e.g. {@code org.flam.loss.flam}; not blank
     * @param version      Bundle-Version as an OSGi version
     *                     ({@code major[.minor[.micro[.qualifier]]]}), stored in canonical
     *                     form {@code major.minor.micro[.qualifier]}: {@code "1.2"} becomes
     *                     {@code "1.2.0"}
     */
    public record BundleRef(String symbolicName, String version) {

        private static final Pattern OSGI_VERSION =
                Pattern.compile("(\\d+)(?:\\.(\\d+)(?:\\.(\\d+)(?:\\.([A-Za-z0-9_-]+))?)?)?");

        /**
         * Validates and canonicalises the version.
         *
         * @throws NullPointerException     if an argument is null
         * @throws IllegalArgumentException if the name is blank or holds white space, or the
         *                                  version is not an OSGi version (a Maven
         *                                  {@code 0.1.0-SNAPSHOT} is not; bnd writes it as
         *                                  {@code 0.1.0.SNAPSHOT})
         */
        public BundleRef {
            Checks.nonBlank(symbolicName, "symbolicName");
            if (symbolicName.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException(
                        "symbolicName must not contain white space, got \"" + symbolicName + "\"");
            }
            Objects.requireNonNull(version, "version");
            String canonical = canonicalOrNull(version);
            if (canonical == null) {
                throw new IllegalArgumentException("version of " + symbolicName
                        + " must be an OSGi version major[.minor[.micro[.qualifier]]], got \""
                        + version + "\"");
            }
            version = canonical;
        }

        /** Canonical {@code major.minor.micro[.qualifier]}, or null if not an OSGi version. */
        static String canonicalOrNull(String version) {
            var m = OSGI_VERSION.matcher(version.strip());
            if (!m.matches()) {
                return null;
            }
            try {
                StringBuilder sb = new StringBuilder();
                sb.append(Integer.parseInt(m.group(1)));
                sb.append('.').append(m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
                sb.append('.').append(m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
                if (m.group(4) != null) {
                    sb.append('.').append(m.group(4));
                }
                return sb.toString();
            } catch (NumberFormatException tooLarge) {
                return null;
            }
        }
    }
}
