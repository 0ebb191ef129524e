/** The case: one pupil's support network bound to one channel, and the rules that change it. */
package kring.core.cases;
