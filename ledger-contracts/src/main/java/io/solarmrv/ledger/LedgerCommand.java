package io.solarmrv.ledger;

import io.solarmrv.ledger.ChainConfig;
import io.solarmrv.ledger.LedgerDeployment;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.web3j.crypto.Credentials;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mrv ledger-deploy}: installs the three contracts on any EVM chain and grants their roles. */
@Command(name = "ledger-deploy", mixinStandardHelpOptions = true,
        description = {"Deploys AnchorRegistry, MonitoringRegistry and CreditIssuance and grants their roles.",
            "The sending account (MRV_CHAIN_PRIVATE_KEY, hex) becomes default admin of all three; a new admin",
            "can take over only in two steps, after --admin-delay. Prints the three addresses."})
public final class LedgerCommand implements Callable<Integer> {
    /** Starts this command alone, without the launcher: its options, its exit status. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new LedgerCommand()).execute(args));
    }

    @Option(names = "--rpc", defaultValue = "http://127.0.0.1:8545", description = "EVM JSON-RPC URL (default: ${DEFAULT-VALUE})")
    String rpc;

    @Option(names = "--chain-id", defaultValue = "31337", description = "Chain id (default: ${DEFAULT-VALUE}, anvil)")
    long chainId;

    @Option(names = "--admin-delay", defaultValue = "P2D", description = "Wait before a new default admin may accept (default: ${DEFAULT-VALUE})")
    Duration adminDelay;

    @Option(names = "--anchorer", description = "Account allowed to anchor (the stream job's); default: the sender")
    String anchorer;

    @Option(names = "--registrar", description = "Account that registers projects; default: the sender")
    String registrar;

    @Option(names = "--verifier", required = true, description = "Account of the third-party verifier (TPE)")
    String verifier;

    @Option(names = "--issuer", description = "Account of the registry administrator who issues; default: the sender")
    String issuer;

    @Override
    public Integer call() throws Exception {
        String key = System.getenv("MRV_CHAIN_PRIVATE_KEY");
        if (key == null || key.isBlank()) {
            System.err.println("MRV_CHAIN_PRIVATE_KEY is not set: deploying needs the admin account's private key (hex)");
            return 2;
        }
        String sender = Credentials.create(key).getAddress();
        LedgerDeployment deployment = LedgerDeployment.deploy(new ChainConfig(rpc, chainId, key), adminDelay,
                new LedgerDeployment.Roles(orSender(anchorer, sender), orSender(registrar, sender), verifier,
                        orSender(issuer, sender)));
        System.out.println("AnchorRegistry     " + deployment.anchorRegistry());
        System.out.println("MonitoringRegistry " + deployment.monitoringRegistry());
        System.out.println("CreditIssuance     " + deployment.creditIssuance());
        return 0;
    }

    private static String orSender(String account, String sender) {
        return account == null || account.isBlank() ? sender : account;
    }
}
