package kring.playground;

/**
 * A simulated account on the playground.
 *
 * @param id a short slug, stable for the person's life
 * @param name what was typed when the person was created
 */
public record Person(String id, String name) {}
