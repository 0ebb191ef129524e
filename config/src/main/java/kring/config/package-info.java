/** The runnable application: main(), wiring, typed settings and health. */
package kring.config;
