/**
 * News: a partner's update, nothing new this time, a check before posting, and answering a request
 * for feedback.
 */
package kring.core.conversation.updates;
