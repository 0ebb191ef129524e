package kring.teams;

import java.util.Optional;

/** The bearer token Kring shows the Bot Connector when it posts; none when unauthenticated. */
@FunctionalInterface
public interface ConnectorTokens {

  /** A current token, fetched or refreshed as needed; empty when Kring runs without an app id. */
  Optional<String> token() throws Exception;

  /** No token: for a bot running without authentication, against a local connector. */
  static ConnectorTokens none() {
    return Optional::empty;
  }
}
