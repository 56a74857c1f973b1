package io.solarmrv.ledger;

import io.solarmrv.ledger.contracts.AnchorRegistry;
import io.solarmrv.ledger.contracts.CreditIssuance;
import io.solarmrv.ledger.contracts.MonitoringRegistry;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigInteger;
import java.time.Duration;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * The three contracts of one deployment: anchors, monitoring periods and issuance. {@link #deploy}
 * installs them with the deploying account as default admin (whose transfer is two-step and waits
 * {@code adminDelay}) and grants the operational roles to the given accounts.
 */
public record LedgerDeployment(String anchorRegistry, String monitoringRegistry, String creditIssuance)
        implements Serializable {

    /** Who holds which role. Addresses are 0x-hex; the same account may hold several. */
    public record Roles(String anchorer, String registrar, String verifier, String issuer) {
        /** Every role held by the deploying account (a one-person local chain). */
        public static Roles allTo(String address) {
            return new Roles(address, address, address, address);
        }
    }

    public static LedgerDeployment deploy(ChainConfig admin, Duration adminDelay, Roles roles)
            throws IOException, InterruptedException {
        Web3j web3j = Web3j.build(new HttpService(admin.rpcUrl()));
        try {
            Credentials credentials = Credentials.create(admin.privateKeyHex());
            TransactionManager tm = new RawTransactionManager(web3j, credentials, admin.chainId());
            DefaultGasProvider gas = new DefaultGasProvider();
            BigInteger delay = BigInteger.valueOf(adminDelay.toSeconds());
            String owner = credentials.getAddress();
            AnchorRegistry anchors = AnchorRegistry.deploy(web3j, tm, gas, delay, owner).send();
            MonitoringRegistry monitoring = MonitoringRegistry.deploy(web3j, tm, gas, delay, owner,
                    anchors.getContractAddress()).send();
            CreditIssuance issuance = CreditIssuance.deploy(web3j, tm, gas, delay, owner,
                    monitoring.getContractAddress()).send();
            LedgerDeployment deployment = new LedgerDeployment(anchors.getContractAddress(),
                    monitoring.getContractAddress(), issuance.getContractAddress());
            try (ChainTransactions tx = new ChainTransactions(admin, SendPolicy.forChain(admin), new GasMeter())) {
                grant(tx, deployment.anchorRegistry(), anchors.ANCHOR_ROLE().send(), roles.anchorer());
                grant(tx, deployment.monitoringRegistry(), monitoring.REGISTRAR_ROLE().send(), roles.registrar());
                grant(tx, deployment.monitoringRegistry(), monitoring.VERIFIER_ROLE().send(), roles.verifier());
                grant(tx, deployment.creditIssuance(), issuance.ISSUER_ROLE().send(), roles.issuer());
                grant(tx, deployment.monitoringRegistry(), monitoring.ISSUANCE_ROLE().send(), deployment.creditIssuance());
            }
            return deployment;
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("deploying the ledger contracts failed: " + e.getMessage(), e);
        } finally {
            web3j.shutdown();
        }
    }

    /** Grants a role (AccessControl's grantRole is the same function on all three contracts). */
    static void grant(ChainTransactions tx, String contract, byte[] role, String account)
            throws IOException, InterruptedException {
        AnchorRegistry any = AnchorRegistry.load(contract, tx.web3j(), tx.credentials(), new DefaultGasProvider());
        tx.send("AccessControl.grantRole", contract, any.grantRole(role, account).encodeFunctionCall(),
                () -> AnchorClient.read(any.hasRole(role, account)));
    }
}
