package kring.teams;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The Teams endpoint on its own, for tests, which register the bot as a ready-made bean. Not a
 * {@code @Configuration}, so the component scans of other modules' tests leave it alone.
 */
@EnableAutoConfiguration
@Import(TeamsWeb.class)
class TeamsTestApplication {}
