/** Kring on Slack: verifies Slack's requests, turns them into core calls and renders Block Kit. */
package kring.slack;
