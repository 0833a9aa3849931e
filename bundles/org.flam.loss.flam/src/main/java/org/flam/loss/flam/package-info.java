/**
 * Calibrated inference of the FLAM frame-wise loss (SPEC §3): turning a trained frame logit
 * into an unbiased or approximate probability.
 */
@Export
@Version("0.1.0")
package org.flam.loss.flam;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
