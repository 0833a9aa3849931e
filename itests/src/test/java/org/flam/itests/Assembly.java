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
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.ops4j.pax.exam.Option;

/**
 * The detection assembly as Pax Exam options: every bundle Maven copied to
 * {@code target/bundles} (the same set detect.bndrun resolves to), with the start levels and
 * boot delegation of cnf/run.bnd.
 */
final class Assembly {

    /** Started first, as in cnf/run.bnd: the JSON-P provider must be indexed before the Configurator reads. */
    private static final Set<String> FIRST = Set.of("org.glassfish.hk2.osgi-resource-locator", "org.eclipse.parsson",
            "jakarta.json-api", "org.apache.felix.log");

    private Assembly() {
    }

    static Option[] options() {
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
                boolean fragment = header[1] != null;
                options.add(bundle("reference:" + jar.toUri()).startLevel(FIRST.contains(bsn) ? 1 : 2).start(!fragment));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the assembly's bundles in " + dir, e);
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
