/** Check-ins: a partner's answer form, skipping one, and putting one's own prompt off. */
package kring.core.conversation.checkin;
