package kring.playground;

import org.springframework.context.annotation.Import;

/**
 * The playground's web side (page, assets, JSON API and its error boundary) for the application to
 * import when the playground is on. Its controllers need a {@code Conversation} and a {@link Rooms}
 * bean.
 */
@Import({PlaygroundApi.class, PlaygroundAssets.class, PlaygroundErrors.class})
public final class PlaygroundWeb {}
