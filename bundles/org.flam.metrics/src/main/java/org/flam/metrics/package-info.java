/**
 * Sound event detection file formats of the field (DCASE TSV events and durations,
 * {@code sed_scores_eval} score tables) and the score post-processing done before evaluation.
 */
@Export
@Version("0.1.0")
package org.flam.metrics;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
