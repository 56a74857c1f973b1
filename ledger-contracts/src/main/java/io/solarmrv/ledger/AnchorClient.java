package io.solarmrv.ledger;

import io.solarmrv.ledger.contracts.AnchorRegistry;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * Anchors Merkle log checkpoints (tree size, root) in an {@code AnchorRegistry} contract on any
 * EVM JSON-RPC node. Anchoring is idempotent by content: a checkpoint whose root is already
 * recorded for its tree size is not sent again.
 */
public final class AnchorClient implements AutoCloseable {
    private static final long RECEIPT_POLL_MILLIS = 100;
    private static final int RECEIPT_POLL_ATTEMPTS = 600;

    private final Web3j web3j;
    private final AnchorRegistry registry;

    /** Where an anchor landed: the transaction hash and block, or empty ones if it was anchored before. */
    public record AnchorReceipt(long treeSize, String transactionHash, long blockNumber) {
    }

    private AnchorClient(Web3j web3j, AnchorRegistry registry) {
        this.web3j = web3j;
        this.registry = registry;
    }

    public static AnchorClient connect(ChainConfig chain, String contractAddress) {
        Web3j web3j = Web3j.build(new HttpService(chain.rpcUrl()));
        return new AnchorClient(web3j, AnchorRegistry.load(contractAddress, web3j, transactionManager(web3j, chain),
                new DefaultGasProvider()));
    }

    /** Deploys a new registry whose operator is the configured account, and returns its address. */
    public static String deploy(ChainConfig chain) throws Exception {
        Web3j web3j = Web3j.build(new HttpService(chain.rpcUrl()));
        try {
            return AnchorRegistry.deploy(web3j, transactionManager(web3j, chain), new DefaultGasProvider())
                    .send().getContractAddress();
        } finally {
            web3j.shutdown();
        }
    }

    private static TransactionManager transactionManager(Web3j web3j, ChainConfig chain) {
        return new RawTransactionManager(web3j, Credentials.create(chain.privateKeyHex()), chain.chainId(),
                new PollingTransactionReceiptProcessor(web3j, RECEIPT_POLL_MILLIS, RECEIPT_POLL_ATTEMPTS));
    }

    public AnchorReceipt anchor(long treeSize, byte[] root) throws Exception {
        Optional<byte[]> existing = rootAt(treeSize);
        if (existing.isPresent()) {
            if (!MessageDigest.isEqual(existing.get(), root)) {
                throw new IllegalStateException("tree size " + treeSize + " is already anchored with a different root");
            }
            return new AnchorReceipt(treeSize, "", -1);
        }
        TransactionReceipt receipt = registry.anchor(BigInteger.valueOf(treeSize), root).send();
        if (!receipt.isStatusOK()) {
            throw new IllegalStateException("anchor of tree size " + treeSize + " reverted: " + receipt.getRevertReason());
        }
        return new AnchorReceipt(treeSize, receipt.getTransactionHash(), receipt.getBlockNumber().longValueExact());
    }

    /** The root anchored for exactly this tree size, if any. */
    public Optional<byte[]> rootAt(long treeSize) throws Exception {
        byte[] root = registry.rootAtSize(BigInteger.valueOf(treeSize)).send();
        return isZero(root) ? Optional.empty() : Optional.of(root);
    }

    public long latestTreeSize() throws Exception {
        return registry.latestTreeSize().send().longValueExact();
    }

    public String contractAddress() {
        return registry.getContractAddress();
    }

    private static boolean isZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        web3j.shutdown();
    }
}
