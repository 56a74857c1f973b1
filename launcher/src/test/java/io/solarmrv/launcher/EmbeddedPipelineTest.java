package io.solarmrv.launcher;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One simulated day end to end on the embedded parts (HiveMQ CE, MiniCluster, PostgreSQL, anvil). */
class EmbeddedPipelineTest {
    @Test
    void aDayThroughTheWholePipelineMatchesTheSimulatorsAndTheChain(@TempDir Path workDir) throws Exception {
        EndToEndScenario.run(workDir, null);
    }
}
