package dev.userbase.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Dependencies point inward: adapters depend on the domain, never the reverse. */
class DependencyRulesTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.userbase");
  }

  @Test
  void theDomainUsesNoFrameworkAndNoAdapter() {
    noClasses()
        .that()
        .resideInAPackage("dev.userbase.domain..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.micronaut..",
            "jakarta..",
            "java.sql..",
            "javax.sql..",
            "dev.userbase.persistence..",
            "dev.userbase.api..",
            "dev.userbase.app..")
        .check(classes);
  }

  @Test
  void theHttpApiNeverTouchesPersistence() {
    noClasses()
        .that()
        .resideInAPackage("dev.userbase.api..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.userbase.persistence..", "dev.userbase.app..", "java.sql..", "javax.sql..")
        .check(classes);
  }

  @Test
  void eachStoreStaysOutOfTheOthers() {
    noClasses()
        .that()
        .resideInAPackage("dev.userbase.persistence.sqlite..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.userbase.persistence.postgres..",
            "dev.userbase.persistence.mariadb..",
            "org.postgresql..",
            "org.mariadb..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("dev.userbase.persistence.postgres..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.userbase.persistence.sqlite..",
            "dev.userbase.persistence.mariadb..",
            "org.sqlite..",
            "org.mariadb..")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("dev.userbase.persistence.mariadb..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.userbase.persistence.sqlite..",
            "dev.userbase.persistence.postgres..",
            "org.sqlite..",
            "org.postgresql..")
        .check(classes);
  }

  @Test
  void theSharedCoreKnowsNoStoreAndNoDriver() {
    noClasses()
        .that()
        .resideInAPackage("dev.userbase.persistence.jdbc..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.userbase.persistence.sqlite..",
            "dev.userbase.persistence.postgres..",
            "dev.userbase.persistence.mariadb..",
            "org.sqlite..",
            "org.postgresql..",
            "org.mariadb..")
        .check(classes);
  }

  @Test
  void adaptersDoNotDependOnTheHttpApiOrTheApp() {
    noClasses()
        .that()
        .resideInAPackage("dev.userbase.persistence..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.userbase.api..", "dev.userbase.app..")
        .check(classes);
  }

  @Test
  void theTransferEngineKnowsTheDomainAndItsFormatsNeverHttpOrAStore() {
    noClasses()
        .that()
        .resideInAPackage("dev.userbase.transfer..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.micronaut..",
            "io.netty..",
            "jakarta..",
            "java.sql..",
            "javax.sql..",
            "dev.userbase.api..",
            "dev.userbase.persistence..",
            "dev.userbase.app..")
        .check(classes);
  }

  @Test
  void theCommandLineDoesNotGoThroughTheHttpAdapter() {
    noClasses()
        .that()
        .haveNameMatching("dev\\.userbase\\.app\\.\\w*Commands(\\$.*)?")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.userbase.api..")
        .check(classes);
  }

  @Test
  void theTokensFileAndScopesArePlainJava() {
    noClasses()
        .that()
        .resideInAPackage("dev.userbase.access..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.micronaut..", "jakarta..", "dev.userbase.api..", "dev.userbase.app..")
        .check(classes);
  }

  @Test
  void theHttpPackagesFormNoCycle() {
    slices().matching("dev.userbase.api.http.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void problemJsonAndTheSharedHttpPiecesKnowNoResourceAndNoServerConcern() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.userbase.api.http.problem..", "dev.userbase.api.http.common..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.userbase.api.http.users..",
            "dev.userbase.api.http.groups..",
            "dev.userbase.api.http.admin..",
            "dev.userbase.api.http.server..",
            "dev.userbase.api.http.access..",
            "dev.userbase.api.http.docs..")
        .check(classes);
  }

  @Test
  void theServersProtectionsKnowNoResource() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.userbase.api.http.server..", "dev.userbase.api.http.access..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.userbase.api.http.users..",
            "dev.userbase.api.http.groups..",
            "dev.userbase.api.http.admin..")
        .check(classes);
  }

  @Test
  void eachResourceStaysOutOfTheOthers() {
    // A group's members are users, shown as the users resource shows them: groups may use
    // users' representation, never the reverse.
    List<String> resources = List.of("users", "groups", "admin");
    for (String resource : resources) {
      for (String other : resources) {
        if (!other.equals(resource) && !(resource.equals("groups") && other.equals("users"))) {
          noClasses()
              .that()
              .resideInAPackage("dev.userbase.api.http." + resource + "..")
              .should()
              .dependOnClassesThat()
              .resideInAPackage("dev.userbase.api.http." + other + "..")
              .check(classes);
        }
      }
    }
  }

  @Test
  void theRulesSeeEveryModule() {
    // Rules over an empty import pass trivially; make sure each module's classes were found.
    org.assertj.core.api.Assertions.assertThat(
            classes.stream().map(c -> c.getPackageName()).distinct())
        .contains(
            "dev.userbase.domain",
            "dev.userbase.persistence.jdbc",
            "dev.userbase.persistence.sqlite",
            "dev.userbase.persistence.postgres",
            "dev.userbase.persistence.mariadb",
            "dev.userbase.transfer",
            "dev.userbase.access",
            "dev.userbase.api.http.users",
            "dev.userbase.api.http.groups",
            "dev.userbase.api.http.common",
            "dev.userbase.api.http.problem",
            "dev.userbase.api.http.server",
            "dev.userbase.api.http.access",
            "dev.userbase.api.http.admin",
            "dev.userbase.api.http.docs",
            "dev.userbase.app");
  }
}
