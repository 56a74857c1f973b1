package io.solarmrv.launcher;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same simulated day as {@link EmbeddedPipelineTest}, through a real Mosquitto broker. */
class MosquittoPipelineTest {
    @Test
    void aDayThroughMosquittoMatchesTheSimulatorsAndTheChain(@TempDir Path workDir) throws Exception {
        try (MosquittoBroker mosquitto = MosquittoBroker.start(workDir)) {
            EndToEndScenario.run(workDir.resolve("pipeline"), mosquitto.uri());
        }
    }
}
