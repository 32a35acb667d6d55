package io.rescind.actions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorkerPropertiesTest {

    private final WorkerProperties properties = new WorkerProperties(
            true, Duration.ofMillis(500), 10, Duration.ofSeconds(1), Duration.ofSeconds(10), 2, Duration.ofMillis(100));

    @Test
    void theWaitDoublesAfterEachTransientFailureUpToTheCap() {
        assertThat(properties.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(properties.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(properties.delayAfter(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(properties.delayAfter(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(properties.delayAfter(5)).isEqualTo(Duration.ofSeconds(10));
        assertThat(properties.delayAfter(50)).isEqualTo(Duration.ofSeconds(10));
    }
}
