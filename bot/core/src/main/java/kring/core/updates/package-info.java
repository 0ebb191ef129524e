/** Partners' updates: who gave news when, and who was asked for feedback. Never the text. */
package kring.core.updates;
