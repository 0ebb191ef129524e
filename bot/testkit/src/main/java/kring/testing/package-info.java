/** Test fixtures other modules reuse: in-memory fakes of the core's ports and test Redis. */
package kring.testing;
