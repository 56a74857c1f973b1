package io.solarmrv.launcher;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same simulated day as {@link EmbeddedPipelineTest}, through a real Mosquitto broker, with the
 * Flink job failing once mid-day: it recovers from its last checkpoint, the broker redelivers what
 * was not acknowledged, and every figure, the log and the anchored root come out exactly as in a
 * clean run.
 */
class MosquittoPipelineTest {
    @Test
    void aDayThroughMosquittoWithAJobFailureMatchesTheSimulatorsAndTheChain(@TempDir Path workDir) throws Exception {
        try (MosquittoBroker mosquitto = MosquittoBroker.start(workDir)) {
            EndToEndScenario.run(workDir.resolve("pipeline"), mosquitto.uri(), 1_200, (pipeline, report, dir) -> { });
        }
    }
}
