package org.flam.api.graph;

import java.io.IOException;
import java.nio.file.Path;

import org.flam.api.BackendInfo;
import org.nd4j.autodiff.samediff.SameDiff;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The numerics backend: the single place where SameDiff graphs are created and loaded.
 *
 * <p>Registered by the backend bundle (the CPU one, {@code org.flam.nd4j}, or a CUDA one that
 * replaces it in an assembly) once ND4J is initialised; components that touch ND4J take a
 * reference to this service, which also orders their activation after the backend's.
 *
 * <p>Graphs returned here have SameDiff's execution cache disabled: with the cache on,
 * ND4J 1.0.0-M2.1 returned alternating values for identical inputs and training diverged.
 */
@ConsumerType
public interface GraphBackend {

    /** Backend name, device, threads and library versions. */
    BackendInfo info();

    /** A new empty graph, execution cache disabled. The caller owns it. */
    SameDiff newGraph();

    /**
     * Loads a graph saved with {@code SameDiff.save(file, saveUpdaterState)}.
     *
     * @param file              the saved graph
     * @param loadUpdaterState  whether to restore the optimiser state as well (to resume training)
     * @return the graph, execution cache disabled; the caller owns it
     * @throws IOException if the file is missing or not a SameDiff graph
     */
    SameDiff load(Path file, boolean loadUpdaterState) throws IOException;
}
