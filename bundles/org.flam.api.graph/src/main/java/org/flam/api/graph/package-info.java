/**
 * Trainable parts as SameDiff graph builders (audio encoders, projection and per-text heads,
 * losses) and the numerics backend that creates and loads graphs (consumer types).
 */
@Export
@Version("0.3.0")
package org.flam.api.graph;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
