package io.solarmrv.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What {@code mrv agent} does with its key before it polls anything. */
class AgentStartTest {
    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    private int agent(String... args) {
        CommandLine command = new CommandLine(new AgentCommand());
        command.setErr(new PrintWriter(err, true));
        command.setOut(new PrintWriter(out, true));
        return command.execute(args);
    }

    @Test
    void withoutADataDirectoryItRefusesToStartNamingTheSetting() {
        assertEquals(2, agent("--device", "inv-1=127.0.0.1:5020:1", "--print-registration"));
        assertTrue(err.toString().contains("data.dir: required"), err.toString());
        try (var left = java.util.stream.Stream.of(Path.of("gateway-key.p8"), Path.of("agent-store"))) {
            assertFalse(left.anyMatch(Files::exists), "nothing is written in the working directory");
        }
    }

    @Test
    void itCreatesItsKeyOwnerOnlyInItsDataDirectoryAndKeepsIt(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("agent");
        assertEquals(0, agent("--data-dir", data.toString(), "--device", "inv-1=127.0.0.1:5020:1", "--print-registration"), err.toString());
        Path key = data.resolve("gateway-key.p8");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        String registration = out.toString();
        assertTrue(registration.startsWith("inv-1"), registration);
        out.getBuffer().setLength(0);
        assertEquals(0, agent("--data-dir", data.toString(), "--device", "inv-1=127.0.0.1:5020:1", "--print-registration"));
        assertEquals(registration, out.toString(), "the second start signs with the key the first one made");
    }

    @Test
    void aNamedKeyThatIsMissingIsNotReplacedByANewOne(@TempDir Path dir) {
        Path key = dir.resolve("mnt/secure/gateway-key.p8");
        assertEquals(2, agent("--data-dir", dir.resolve("agent").toString(), "--key", key.toString(),
                "--device", "inv-1=127.0.0.1:5020:1", "--print-registration"));
        assertTrue(err.toString().startsWith("gateway.key (--key): " + key + " does not exist"), err.toString());
        assertFalse(Files.exists(key));
    }
}
