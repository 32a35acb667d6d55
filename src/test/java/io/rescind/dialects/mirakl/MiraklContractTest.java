package io.rescind.dialects.mirakl;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract check itself: it must refuse what Mirakl's file does not allow. */
class MiraklContractTest {

    @BeforeEach
    void theVendorFileIsBesideTheRepository() {
        assumeTrue(MiraklContract.AVAILABLE, "Mirakl's OpenAPI file is not at " + MiraklContract.SPEC);
    }

    /**
     * The tests of the client generated from the vendor's file are built only in the
     * vendor-contracts profile, which the file's presence turns on: with the file here they must
     * have been compiled, so a build that silently left them out fails.
     */
    @Test
    void theTestsOfTheGeneratedClientAreBuilt() {
        assertThatCode(() -> Class.forName("io.rescind.dialects.mirakl.MiraklClientTest"))
                .doesNotThrowAnyException();
    }

    private static final String ACTION = "/v2/orders/actions/1ba5fc4b-c4fd-4251-880b-3052e301bbd4";

    @Test
    void aConformingBodyPasses() {
        assertThatCode(() -> MiraklContract.check("GET", ACTION, 200, "application/json", """
                        {"id":"1ba5","status":"SUCCESS","created_at":"2026-01-01T00:00:00Z",\
                        "updated_at":"2026-01-01T00:00:01Z"}"""))
                .doesNotThrowAnyException();
    }

    @Test
    void aMissingRequiredFieldAWrongTypeOrAnUndeclaredStatusFails() {
        assertThatThrownBy(() -> MiraklContract.check(
                        "GET", ACTION, 200, "application/json", "{\"id\":\"1ba5\",\"status\":\"SUCCESS\"}"))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> MiraklContract.check(
                        "GET", ACTION, 404, "application/json", "{\"code\":404,\"message\":\"gone\"}"))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> MiraklContract.check(
                        "GET", ACTION, 409, "application/json", "{\"code\":\"X\",\"message\":\"y\"}"))
                .isInstanceOf(AssertionError.class);
    }
}
