package kring.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import kring.core.cases.CaseCode;
import kring.core.identity.ChannelRef;
import kring.core.identity.Platform;
import kring.core.identity.UserRef;
import kring.testing.PrivacyDocument;
import org.junit.jupiter.api.Test;

/**
 * PRIVACY.md and {@link RedisKeys} describe the same keys: every key a builder of RedisKeys can
 * make is listed, and every listed pattern is one a builder still makes. The patterns are read from
 * RedisKeys itself, by calling each builder with placeholders, so a new builder cannot be missed.
 */
class RedisKeysDocumentedTest {

  private static final String PREFIX = "p:";
  private static final RedisKeys KEYS = new RedisKeys(PREFIX);

  @Test
  void everyKeyRedisKeysBuildsIsListedInPrivacyMdAndNothingElseIs() {
    Set<String> listed =
        new TreeSet<>(PrivacyDocument.inRepository().firstColumn(PrivacyDocument.KEY_SECTION));
    Map<String, String> built = patterns();

    assertThat(built.keySet())
        .as("keys RedisKeys builds (by %s) that PRIVACY.md does not list", built)
        .isSubsetOf(listed);
    assertThat(listed)
        .as("keys PRIVACY.md lists that RedisKeys no longer builds")
        .isSubsetOf(built.keySet());
  }

  @Test
  void theStartsOfKeysThatScriptsCompleteBelongToListedPatterns() throws Exception {
    for (Method method : RedisKeys.class.getDeclaredMethods()) {
      if (startOfKeys(method)) {
        String start = ((String) method.invoke(KEYS)).substring(PREFIX.length());
        assertThat(patterns().keySet())
            .as("%s() is the start of a listed pattern", method.getName())
            .anyMatch(pattern -> pattern.startsWith(start) && pattern.length() > start.length());
      }
    }
  }

  @Test
  void realKeysMatchTheirPatternAndNoOther() {
    PrivacyDocument privacy = PrivacyDocument.inRepository();
    ChannelRef teams = new ChannelRef(Platform.TEAMS, "tenant-1", "19:abc@thread.tacv2");
    UserRef person = new UserRef(Platform.TEAMS, "tenant-1", "29:1xyz");

    assertThat(
            privacy.unlisted(
                List.of(
                    KEYS.teamsChannel(teams),
                    KEYS.teamsPerson(person),
                    KEYS.caseDoc(new CaseCode("K-7F3Q")),
                    KEYS.once("slack-event", "0a1b"),
                    KEYS.wakeDue()),
                PREFIX))
        .isEmpty();
    assertThat(
            privacy.unlisted(
                List.of(
                    PREFIX + "case:K-7F3Q:extra",
                    PREFIX + "dues",
                    PREFIX + "note:anything",
                    "other:case:K-7F3Q"),
                PREFIX))
        .hasSize(4);
  }

  /** Each key pattern RedisKeys can build, by the builder that builds it. */
  static Map<String, String> patterns() {
    Map<String, String> patterns = new TreeMap<>();
    for (Method method : RedisKeys.class.getDeclaredMethods()) {
      if (!builder(method)) {
        continue;
      }
      Parameter[] parameters = method.getParameters();
      Object[] arguments = new Object[parameters.length];
      Map<String, String> placeholders = new TreeMap<>();
      for (int i = 0; i < parameters.length; i++) {
        assertThat(parameters[i].isNamePresent())
            .as("compiled with -parameters, so that patterns can name their parts")
            .isTrue();
        arguments[i] = sample(parameters[i], placeholders);
      }
      String key;
      try {
        key = ((String) method.invoke(KEYS, arguments)).substring(PREFIX.length());
      } catch (ReflectiveOperationException e) {
        throw new AssertionError(e);
      }
      for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
        key = key.replace(placeholder.getKey(), placeholder.getValue());
      }
      String before = patterns.put(key, method.getName());
      assertThat(before).as("two builders make %s", key).isNull();
    }
    return patterns;
  }

  /** A public method that returns one key: not the prefix, not the start of keys for scripts. */
  private static boolean builder(Method method) {
    return Modifier.isPublic(method.getModifiers())
        && !Modifier.isStatic(method.getModifiers())
        && method.getReturnType() == String.class
        && !method.getName().equals("prefix")
        && !startOfKeys(method);
  }

  /** The start of keys that a Lua script completes with ids, such as {@code outbox:msg:}. */
  private static boolean startOfKeys(Method method) {
    return Modifier.isPublic(method.getModifiers())
        && method.getParameterCount() == 0
        && method.getName().endsWith("Prefix");
  }

  /**
   * A value to call a builder with, whose text in the key is then replaced by its placeholder:
   * {@code <name>} after the parameter, or for a reference each of its parts.
   */
  private static Object sample(Parameter parameter, Map<String, String> placeholders) {
    String name = parameter.getName();
    Class<?> type = parameter.getType();
    if (type == String.class) {
      String marker = "SAMPLE" + name.toUpperCase(java.util.Locale.ROOT);
      placeholders.put(marker, "<" + name + ">");
      return marker;
    }
    if (type == CaseCode.class) {
      placeholders.put("K-2345", "<" + name + ">");
      return new CaseCode("K-2345");
    }
    if (type == ChannelRef.class) {
      ChannelRef channel = new ChannelRef(Platform.SLACK, "SAMPLESPACE", "SAMPLECHANNEL");
      placeholders.put(channel.key(), "<platform>:<space>:<channel>");
      return channel;
    }
    if (type == UserRef.class) {
      UserRef user = new UserRef(Platform.SLACK, "SAMPLESPACE", "SAMPLEUSER");
      placeholders.put(user.key(), "<platform>:<space>:<user>");
      return user;
    }
    throw new AssertionError(
        "RedisKeys takes a "
            + type.getSimpleName()
            + " in "
            + parameter.getDeclaringExecutable().getName()
            + ": teach this test what part of a key it makes");
  }
}
