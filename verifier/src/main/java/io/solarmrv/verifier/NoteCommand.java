package io.solarmrv.verifier;

import io.solarmrv.attestation.note.NoteKeys;
import io.solarmrv.attestation.note.SignedNote;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mrv note verify --vkey VKEY}: checks a C2SP signed note read from stdin. */
@Command(name = "note", mixinStandardHelpOptions = true,
        description = "C2SP signed notes (log checkpoints). Exit status: 0 verified, 1 not verified, 2 malformed input.",
        subcommands = NoteCommand.Verify.class)
public final class NoteCommand implements Runnable {
    /** Starts this command alone, without the launcher: its options, its exit status. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new NoteCommand()).execute(args));
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Reads a signed note on stdin and checks it carries a valid signature by --vkey; prints its text when it does.")
    static final class Verify implements Callable<Integer> {
        @Option(names = "--vkey", required = true, description = "Verifier key: <name>+<hash>+<base64 key>")
        String vkey;

        @Override
        public Integer call() throws IOException {
            String note = new String(System.in.readNBytes(1 << 20 + 1), StandardCharsets.UTF_8);
            try {
                SignedNote.Opened opened = SignedNote.open(note, NoteKeys.parseVerifier(vkey));
                if (!opened.verified()) {
                    System.out.println("FAIL: " + opened.reason());
                    return 1;
                }
                System.out.println("OK: " + opened.reason());
                System.out.print(opened.text());
                return 0;
            } catch (IllegalArgumentException e) {
                System.out.println("MALFORMED: " + e.getMessage());
                return 2;
            }
        }
    }
}
