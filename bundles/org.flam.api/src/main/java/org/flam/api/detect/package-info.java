/**
 * Open-vocabulary sound event detection as products embed it: the detector the runtimes
 * provide and its options (provider types).
 */
@Export
@Version("0.2.0")
package org.flam.api.detect;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
