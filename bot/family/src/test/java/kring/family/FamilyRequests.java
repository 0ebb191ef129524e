package kring.family;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** What the family page's tests share: a request from a given client, and the strict headers. */
final class FamilyRequests {

  private FamilyRequests() {}

  /** A request as if sent from this client address. */
  static RequestPostProcessor from(String address) {
    return request -> {
      request.setRemoteAddr(address);
      return request;
    };
  }

  /** Every response of the page, whatever it says, carries these. */
  static void assertStrictHeaders(MockHttpServletResponse response) {
    assertThat(response.getHeader("Content-Security-Policy"))
        .contains("default-src 'self'")
        .contains("script-src 'none'")
        .contains("frame-ancestors 'none'")
        .doesNotContain("unsafe-inline");
    assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
    assertThat(response.getHeader("Cross-Origin-Opener-Policy")).isEqualTo("same-origin");
    assertThat(response.getHeader("Permissions-Policy")).contains("camera=()");
    assertThat(response.getHeader("Cache-Control")).contains("no-store");
  }
}
