package kring.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The playground, Kring's local web chat.
 *
 * @param enabled true or false to decide; empty to let Kring decide (on only when no Slack or Teams
 *     credentials are configured) (KRING_PLAYGROUND_ENABLED)
 */
@ConfigurationProperties("kring.playground")
public record PlaygroundSettings(Boolean enabled) {}
