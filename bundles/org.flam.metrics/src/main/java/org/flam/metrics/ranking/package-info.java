/**
 * Retrieval recall at K and zero-shot classification accuracy from similarity matrices
 * (SPEC §6), with ties ranked pessimistically.
 */
@Export
@Version("0.1.0")
package org.flam.metrics.ranking;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
