/** The people around a pupil: partners, their roles, sectors and what each may do. */
package kring.core.partners;
