/**
 * Charts as PNG images (drawn with JFreeChart) for the platforms that can show a picture: the trend
 * of reflection scores over a case's rounds.
 */
package kring.chart;
