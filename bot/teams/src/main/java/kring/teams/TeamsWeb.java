package kring.teams;

import org.springframework.context.annotation.Import;

/** The Teams endpoint, for the application to import when Teams is on; it needs a TeamsBot bean. */
@Import(TeamsEndpoint.class)
public final class TeamsWeb {}
