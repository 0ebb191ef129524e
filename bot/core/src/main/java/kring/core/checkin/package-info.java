/** Check-ins: three quick questions on the case's rhythm, answered privately, summarised. */
package kring.core.checkin;
