/** The agreement: its goal and roles forms, confirming a version, and reading one. */
package kring.core.conversation.agreement;
