package org.flam.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.flam.api.ModelManifest.BundleRef;
import org.junit.jupiter.api.Test;

class ModelManifestTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static ModelManifest manifest(BundleRef... bundles) {
        return new ModelManifest(List.of(bundles), Map.of(), 42L, "ABCdef0123", T, "");
    }

    @Test
    void missingBundlesListsAbsentOnesInManifestOrder() {
        ModelManifest m = manifest(new BundleRef("org.flam.api", "0.1.0"),
                new BundleRef("org.flam.loss.flam", "0.1.0"),
                new BundleRef("org.flam.audio.cnn", "0.2.0"));
        Map<String, String> installed = Map.of("org.flam.api", "0.1.0",
                "org.flam.audio.cnn", "0.3.0");
        assertEquals(List.of("org.flam.loss.flam"), m.missingBundles(installed));
        assertEquals(List.of("org.flam.api", "org.flam.loss.flam", "org.flam.audio.cnn"),
                m.missingBundles(Map.of()));
    }

    @Test
    void versionMismatchesListsPresentBundlesInAnotherVersionOnly() {
        ModelManifest m = manifest(new BundleRef("a", "0.1.0"), new BundleRef("b", "0.2.0"),
                new BundleRef("c", "1.0.0"));
        Map<String, String> installed = Map.of("a", "0.1.0", "b", "0.3.0");
        assertEquals(List.of("b"), m.versionMismatches(installed));
        assertEquals(List.of("c"), m.missingBundles(installed));
    }

    @Test
    void versionsCompareAsOsgiVersions() {
        ModelManifest m = manifest(new BundleRef("a", "1.0"), new BundleRef("b", "0.1.0.SNAPSHOT"),
                new BundleRef("c", "2.0.0"));
        assertEquals("1.0.0", m.bundles().get(0).version());
        assertEquals(List.of(), m.versionMismatches(Map.of("a", "1", "b", "0.1.0.SNAPSHOT",
                "c", "02.0")));
        assertEquals(List.of("b"), m.versionMismatches(Map.of("a", "1.0.0", "b", "0.1.0")));
        assertEquals(List.of("c"), m.versionMismatches(Map.of("c", "2.0.0-SNAPSHOT")),
                "an installed version that is not an OSGi version is a mismatch");
    }

    @Test
    void nullInstalledVersionCountsAsMissing() {
        Map<String, String> installed = new HashMap<>();
        installed.put("a", null);
        ModelManifest m = manifest(new BundleRef("a", "1.0.0"));
        assertEquals(List.of("a"), m.missingBundles(installed));
        assertEquals(List.of(), m.versionMismatches(installed));
    }

    @Test
    void findsABundleByName() {
        ModelManifest m = manifest(new BundleRef("a", "1.2.3.q"));
        assertEquals(Optional.of(new BundleRef("a", "1.2.3.q")), m.bundle("a"));
        assertEquals(Optional.empty(), m.bundle("b"));
    }

    @Test
    void rejectsBadBundleReferences() {
        IllegalArgumentException maven = assertThrows(IllegalArgumentException.class,
                () -> new BundleRef("a", "0.1.0-SNAPSHOT"));
        assertTrue(maven.getMessage().contains("0.1.0-SNAPSHOT"), maven.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BundleRef("a", "1.2.3.4.5"));
        assertThrows(IllegalArgumentException.class, () -> new BundleRef("a", ""));
        assertThrows(IllegalArgumentException.class, () -> new BundleRef("a b", "1.0"));
        assertThrows(IllegalArgumentException.class, () -> new BundleRef(" ", "1.0"));
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class,
                () -> manifest(new BundleRef("a", "1.0"), new BundleRef("a", "2.0")));
        assertTrue(dup.getMessage().contains("a"), dup.getMessage());
    }

    @Test
    void normalisesAndChecksTheDataHash() {
        assertEquals("abcdef0123", manifest().dataManifestHash());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ModelManifest(List.of(), Map.of(), 1, "xyz", T, ""));
        assertTrue(e.getMessage().contains("dataManifestHash"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new ModelManifest(List.of(), Map.of(), 1, "", T, ""));
        assertThrows(NullPointerException.class,
                () -> new ModelManifest(List.of(), Map.of(), 1, "ab", null, ""));
    }

    @Test
    void copiesConfigurationsDeeplySortedAndTurnsArraysIntoLists() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("zeta", 200.0);
        props.put("alpha", new String[] {"x", "y"});
        props.put("ints", new int[] {1, 2});
        List<Object> list = new ArrayList<>(List.of(1L, true));
        props.put("list", list);
        Map<String, Map<String, Object>> configs = new LinkedHashMap<>();
        configs.put("org.flam.loss.flam", props);
        configs.put("org.flam.audio.cnn", Map.of("channels", 32));

        ModelManifest m = new ModelManifest(List.of(), configs, 7, "00", T, "stage 2");
        ((String[]) props.get("alpha"))[0] = "changed";
        list.add("changed");
        props.put("late", 1);
        configs.put("late", Map.of());

        assertEquals(List.of("org.flam.audio.cnn", "org.flam.loss.flam"),
                new ArrayList<>(m.configurations().keySet()));
        Map<String, Object> flam = m.configurations().get("org.flam.loss.flam");
        assertEquals(List.of("alpha", "ints", "list", "zeta"), new ArrayList<>(flam.keySet()));
        assertEquals(List.of("x", "y"), flam.get("alpha"));
        assertEquals(List.of(1, 2), flam.get("ints"));
        assertEquals(List.of(1L, true), flam.get("list"));
        assertThrows(UnsupportedOperationException.class, () -> flam.put("x", 1));
        assertThrows(UnsupportedOperationException.class,
                () -> m.configurations().put("x", Map.of()));
    }

    @Test
    void rejectsConfigurationValuesAJsonManifestCannotHold() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ModelManifest(List.of(),
                        Map.of("pid", Map.of("when", Instant.EPOCH)), 1, "00", T, ""));
        assertTrue(e.getMessage().contains("configurations[pid][when]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ModelManifest(List.of(),
                Map.of("pid", Map.of("nested", List.of(List.of(1)))), 1, "00", T, ""));
        assertThrows(IllegalArgumentException.class, () -> new ModelManifest(List.of(),
                Map.of(" ", Map.of()), 1, "00", T, ""));
    }

    @Test
    void copiesTheBundleList() {
        List<BundleRef> bundles = new ArrayList<>(List.of(new BundleRef("a", "1.0")));
        ModelManifest m = new ModelManifest(bundles, Map.of(), 1, "00", T, "");
        bundles.add(new BundleRef("b", "1.0"));
        assertEquals(1, m.bundles().size());
        assertEquals(List.of(), m.missingBundles(Map.of("a", "1.0.0")));
    }
}
