/** The one JSON mapping of Kring's records, shared by storage and the adapters that speak JSON. */
package kring.json;
