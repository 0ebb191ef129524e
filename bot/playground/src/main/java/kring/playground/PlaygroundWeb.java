package kring.playground;

import org.springframework.context.annotation.Import;

/**
 * The playground's web side (page, assets, JSON API, the time control and the error boundary) for
 * the application to import when the playground is on. Its controllers need a {@code Conversation},
 * a {@link Rooms} and a {@link TimeMachine} bean.
 */
@Import({
  PlaygroundApi.class,
  PlaygroundTimeApi.class,
  PlaygroundAssets.class,
  PlaygroundErrors.class
})
public final class PlaygroundWeb {}
