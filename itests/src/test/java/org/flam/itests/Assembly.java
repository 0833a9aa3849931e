package org.flam.itests;

import static org.ops4j.pax.exam.CoreOptions.bootDelegationPackages;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkStartLevel;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.ops4j.pax.exam.Option;

/**
 * An assembly as Pax Exam options: exactly the {@code -runbundles} its {@code .bndrun}
 * resolved to (the jars are taken from {@code target/bundles}, where Maven copied them), with
 * the start levels and boot delegation of cnf/run.bnd.
 */
final class Assembly {

    /** Started first, as in cnf/run.bnd: the JSON-P provider must be indexed before the Configurator reads. */
    private static final Set<String> FIRST = Set.of("org.glassfish.hk2.osgi-resource-locator", "org.eclipse.parsson",
            "jakarta.json-api", "org.apache.felix.log");

    private Assembly() {
    }

    /** The bundle symbolic names in {@code features/<feature>/<feature>.bndrun}'s -runbundles. */
    static Set<String> runBundles(String feature) {
        Path bndrun = Path.of(System.getProperty("flam.itest.features", "../features"), feature, feature + ".bndrun");
        String text;
        try {
            text = Files.readString(bndrun).replace("\\\n", " ");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + bndrun, e);
        }
        Matcher header = Pattern.compile("(?m)^-runbundles:(.*)$").matcher(text);
        if (!header.find()) {
            throw new IllegalStateException(bndrun + " has no resolved -runbundles");
        }
        Set<String> names = new TreeSet<>();
        Matcher clause = Pattern.compile("([A-Za-z0-9_.\\-]+);version=").matcher(header.group(1));
        while (clause.find()) {
            names.add(clause.group(1));
        }
        return names;
    }

    static Option[] options(String feature) {
        Set<String> wanted = runBundles(feature);
        Set<String> found = new TreeSet<>();
        List<Option> options = new ArrayList<>();
        options.add(bootDelegationPackages("sun.*", "com.sun.*", "jdk.internal.*"));
        options.add(systemProperty("org.slf4j.simpleLogger.defaultLogLevel").value("warn"));
        options.add(systemProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda").value("error"));
        options.add(frameworkStartLevel(10));
        options.add(cleanCaches(true));
        Path dir = Path.of(System.getProperty("flam.itest.bundles", "target/bundles"));
        try (Stream<Path> jars = Files.list(dir)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                String[] header = header(jar);
                String bsn = header[0];
                if (!wanted.contains(bsn)) {
                    continue;
                }
                found.add(bsn);
                boolean fragment = header[1] != null;
                options.add(bundle("reference:" + jar.toUri()).startLevel(FIRST.contains(bsn) ? 1 : 2).start(!fragment));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the assembly's bundles in " + dir, e);
        }
        Set<String> missing = new TreeSet<>(wanted);
        missing.removeAll(found);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the " + feature + " assembly needs " + missing + ", not in " + dir
                    + " (add them to itests/pom.xml)");
        }
        options.add(junitBundles());
        return options.toArray(new Option[0]);
    }

    /** Bundle-SymbolicName (without directives) and Fragment-Host (null if none). */
    private static String[] header(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            var main = file.getManifest().getMainAttributes();
            String bsn = main.getValue("Bundle-SymbolicName");
            if (bsn == null) {
                throw new IOException(jar + " is not a bundle");
            }
            return new String[] {bsn.split(";")[0].trim(), main.getValue("Fragment-Host")};
        }
    }
}
