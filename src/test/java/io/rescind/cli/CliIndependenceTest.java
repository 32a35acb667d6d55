package io.rescind.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The CLI is compiled with the service's tests, where the service's classes are on the class path;
 * this keeps it honest: it may use only the JDK, picocli and Jackson, as its own build
 * ({@code cli/pom.xml}) has nothing else.
 */
class CliIndependenceTest {

    @Test
    void theCliUsesNothingButTheJdkPicocliAndJackson() throws IOException {
        Set<String> sources;
        try (var files = Files.list(Path.of("cli/src/main/java/io/rescind/cli"))) {
            sources = files.map(file -> file.getFileName().toString()).collect(Collectors.toSet());
        }
        assertThat(sources).contains("Rescind.java", "Client.java", "BulkCancelCommand.java");
        // Only the names of what the CLI uses matter: no need to load the whole class path.
        var configuration = ArchConfiguration.get();
        var resolving = configuration.resolveMissingDependenciesFromClassPath();
        configuration.setResolveMissingDependenciesFromClassPath(false);
        JavaClasses cli;
        try {
            cli = new ClassFileImporter().importPackages("io.rescind.cli");
        } finally {
            configuration.setResolveMissingDependenciesFromClassPath(resolving);
        }
        var ofTheCli = DescribedPredicate.describe(
                "compiled from cli/src/main/java",
                (JavaClass type) -> type.getSource()
                        .flatMap(source -> source.getFileName())
                        .map(sources::contains)
                        .orElse(false));

        classes()
                .that(ofTheCli)
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "javax.annotation..", "picocli..", "tools.jackson..", "io.rescind.cli..")
                .check(cli);
    }
}
