/** Every message Kring sends on its own initiative: written first, delivered, then forgotten. */
package kring.core.outbox;
