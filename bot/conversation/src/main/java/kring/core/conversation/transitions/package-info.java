/** The pupil's known transitions (a new school, a new class), which rounds prepare for. */
package kring.core.conversation.transitions;
