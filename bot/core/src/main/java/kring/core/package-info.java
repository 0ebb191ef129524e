/**
 * The platform-free heart of Kring: cases, partners, agreements, the conversation and the outbox.
 */
package kring.core;
