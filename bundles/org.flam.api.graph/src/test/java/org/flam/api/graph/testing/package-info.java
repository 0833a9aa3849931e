/**
 * Test fixtures for graph-builder bundles (published as this module's test jar, never in the
 * bundle): a plain graph backend, finite-difference gradient checks, component configurations.
 */
package org.flam.api.graph.testing;
