/**
 * Value types of the FLAM platform: clips, captions, events, frame grids and scores,
 * detections, corpora and synthesized mixtures, metric results, model manifests, and the
 * service property names every plug-in carries.
 */
@Export
@Version("0.3.0")
package org.flam.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
