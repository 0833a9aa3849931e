/**
 * Model training as the runtimes provide it: the trainer, its request, progress and result
 * (provider types).
 */
@Export
@Version("0.1.0")
package org.flam.api.train;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
