/** Benchmarks: run on demand with {@code -Dkring.benchmark=true}, never in the normal suite. */
package kring.bench;
