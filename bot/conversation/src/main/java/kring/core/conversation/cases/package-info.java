/**
 * Starting a case, help, its status, who-does-what card and log, its language, pausing and
 * resuming, moving it to another channel, the export, and a person's overview of their cases.
 */
package kring.core.conversation.cases;
