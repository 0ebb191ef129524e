/** Who and where: platform-neutral references to people and channels. */
package kring.core.identity;
