package io.rescind.dialects.walmart;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Walmart's own files (SDK payload samples, the CA OpenAPI file) as they sit beside the
 * repository in shared/; they are Walmart's text and are not copied into the project. A test that
 * needs one is skipped where the folder is absent (a lone clone); CI has it.
 */
final class VendorFiles {

    static final Path FOLDER =
            Path.of("../shared/reference/vendors/walmart").toAbsolutePath().normalize();

    private VendorFiles() {}

    static boolean available(String name) {
        return Files.isReadable(FOLDER.resolve(name));
    }

    /** The file's text; the calling test is skipped when it is not there. */
    static String read(String name) {
        assumeTrue(available(name), "Walmart's " + name + " is not at " + FOLDER);
        try {
            return Files.readString(FOLDER.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
