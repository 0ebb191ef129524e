/**
 * The playground: a local web chat that simulates a chat platform, so Kring can be used without a
 * Slack or Teams account. It is a platform adapter like the others.
 */
package kring.playground;
