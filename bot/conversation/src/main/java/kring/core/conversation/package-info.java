/** The platform-neutral conversation: commands in Dutch and English, buttons, forms, replies. */
package kring.core.conversation;
