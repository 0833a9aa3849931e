/**
 * The trained model directory: {@code manifest.json}, {@code model.json} and the graph, read
 * and written atomically by the trainer, the detector and tools.
 */
@Export
@Version("0.1.0")
package org.flam.model;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
