/** Benchmarks: run on demand with {@code -Dgroups=benchmark}, never part of the normal suite. */
package kring.bench;
