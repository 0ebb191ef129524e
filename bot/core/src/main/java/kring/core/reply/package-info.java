/** The neutral reply model: what Kring says, which each adapter renders for its platform. */
package kring.core.reply;
