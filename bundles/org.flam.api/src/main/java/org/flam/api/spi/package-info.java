/**
 * Plug-in service interfaces that implementation bundles provide and the runtimes consume
 * (consumer types: adding a method is a major change for implementers).
 */
@Export
@Version("0.1.0")
package org.flam.api.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
