/** Dutch and English texts from resource bundles, chosen per case and per person. */
package kring.core.i18n;
