package kring.playground;

/**
 * A playground room, the simulated platform's channel.
 *
 * @param id a short slug, stable for the room's life
 * @param name what the person who created it typed
 */
public record Room(String id, String name) {}
