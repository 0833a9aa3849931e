package org.flam.api.graph.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.flam.api.BackendInfo;
import org.flam.api.graph.GraphBackend;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The {@link GraphBackend} contract outside OSGi, for unit tests: plain SameDiff graphs with
 * the execution cache off (as the real backend does, FIELD-NOTES: the cache returned
 * alternating values in 1.0.0-M2.1).
 */
public final class PlainGraphBackend implements GraphBackend {

    @Override
    public BackendInfo info() {
        return new BackendInfo("test", "cpu", 1, Map.of());
    }

    @Override
    public SameDiff newGraph() {
        SameDiff sd = SameDiff.create();
        sd.setEnableCache(false);
        return sd;
    }

    @Override
    public SameDiff load(Path file, boolean loadUpdaterState) throws IOException {
        SameDiff sd = SameDiff.load(file.toFile(), loadUpdaterState);
        sd.setEnableCache(false);
        return sd;
    }
}
