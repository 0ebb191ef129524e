package kring.config;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.implement;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import kring.core.conversation.Entries;
import kring.core.conversation.Feature;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries docs/ARCHITECTURE.md describes that the build cannot check, checked on the
 * classes.
 */
class ArchitectureTest {

  private static JavaClasses kring;

  @BeforeAll
  static void importClasses() {
    kring =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // The bot module's test fixtures reach this module as a test-jar.
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("kring");
  }

  @Test
  void coreSpeaksNoPlatformFrameworkOrStorage() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "kring.core..", "kring.scheduler.calendar..", "kring.scheduler.planning..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "com.slack..",
            "com.microsoft.bot..",
            "redis.clients..",
            "org.quartz..",
            "tools.jackson..",
            "com.fasterxml..",
            "jakarta..",
            "org.slf4j..",
            "org.jfree..",
            "kring.chart..",
            "kring.storage..",
            "kring.json..",
            "kring.slack..",
            "kring.teams..",
            "kring.playground..",
            "kring.scheduler.clock..",
            "kring.config..")
        .because(
            "the core and the planning are plain Java 17; adapters and storage translate to them")
        .check(kring);
  }

  @Test
  void coreFeaturesHaveNoCycles() {
    slices().matching("kring.core.(*)..").should().beFreeOfCycles().check(kring);
  }

  @Test
  void conversationFeaturesHaveNoCycles() {
    slices()
        .matching("kring.core.conversation.(*)..")
        .should()
        .beFreeOfCycles()
        .because("a feature may use another's public face, but never the other way round too")
        .check(kring);
  }

  @Test
  void everyFeatureLivesInItsOwnPackage() {
    classes()
        .that()
        .implement(Feature.class)
        .should()
        .resideInAPackage("kring.core.conversation.*..")
        .because("a feature's package holds its commands, buttons, forms, flows and cards")
        .check(kring);
  }

  @Test
  void onlyAFeatureDeclaresItsEntries() {
    methods()
        .that()
        .areDeclaredIn(Entries.class)
        .and()
        .haveRawReturnType(Entries.class)
        .and()
        .arePublic()
        .should()
        .onlyBeCalled()
        .byClassesThat(implement(Feature.class).or(equivalentTo(Entries.class)))
        .because("a command, button or form is declared by its feature, in the feature's package")
        .check(kring);
  }

  @Test
  void onlyTheConversationBuildsTheFeatures() {
    constructors()
        .that()
        .areDeclaredInClassesThat()
        .implement(Feature.class)
        .should()
        .onlyBeCalled()
        .byClassesThat()
        .resideInAPackage("kring.core.conversation")
        .because("flows get what they need injected, built once, instead of building each other")
        .check(kring);
  }

  @Test
  void adaptersDoNotImportEachOther() {
    for (String adapter : new String[] {"slack", "teams", "playground"}) {
      noClasses()
          .that()
          .resideInAPackage("kring." + adapter + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(otherAdapters(adapter))
          .allowEmptyShould(true)
          .check(kring);
    }
  }

  @Test
  void eachPlatformSdkStaysInItsAdapter() {
    noClasses()
        .that()
        .resideOutsideOfPackages("kring.slack..", "kring.config..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.slack..")
        .check(kring);
    noClasses()
        .that()
        .resideOutsideOfPackages("kring.teams..", "kring.config..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("com.microsoft.bot..")
        .check(kring);
    noClasses()
        .that()
        .resideOutsideOfPackages("kring.scheduler.clock..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.quartz..")
        .check(kring);
    noClasses()
        .that()
        .resideOutsideOfPackages("kring.chart..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.jfree..")
        .because("the charting library stays behind kring.chart")
        .check(kring);
    noClasses()
        .that()
        .resideOutsideOfPackages("kring.config..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.micrometer..")
        .because("Kring counts through its own Meters port; Micrometer is wired in kring.config")
        .check(kring);
  }

  @Test
  void redisIsReachedOnlyThroughStorage() {
    noClasses()
        .that()
        .resideOutsideOfPackages("kring.storage..", "kring.config..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("redis.clients..")
        .because("the adapters keep what they remember through kring.storage's own classes")
        .check(kring);
  }

  @Test
  void lowerModulesDoNotReachUp() {
    noClasses()
        .that()
        .resideOutsideOfPackage("kring.config..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("kring.config..")
        .check(kring);
    noClasses()
        .that()
        .resideOutsideOfPackages("kring.scheduler.clock..", "kring.config..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("kring.scheduler.clock..")
        .check(kring);
  }

  @Test
  void everyPackageSaysWhatItIsFor() {
    classes()
        .that()
        .resideInAPackage("kring..")
        .should(
            new com.tngtech.archunit.lang.ArchCondition<>("live in a package with a package-info") {
              @Override
              public void check(
                  com.tngtech.archunit.core.domain.JavaClass item,
                  com.tngtech.archunit.lang.ConditionEvents events) {
                boolean described =
                    kring.stream()
                        .anyMatch(
                            c ->
                                c.getPackageName().equals(item.getPackageName())
                                    && c.getSimpleName().equals("package-info"));
                if (!described) {
                  events.add(
                      com.tngtech.archunit.lang.SimpleConditionEvent.violated(
                          item, item.getPackageName() + " has no package-info.java"));
                }
              }
            })
        .check(kring);
  }

  private static String[] otherAdapters(String adapter) {
    return java.util.stream.Stream.of("slack", "teams", "playground")
        .filter(a -> !a.equals(adapter))
        .map(a -> "kring." + a + "..")
        .toArray(String[]::new);
  }
}
