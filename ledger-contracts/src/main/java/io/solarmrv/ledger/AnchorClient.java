package io.solarmrv.ledger;

import io.solarmrv.ledger.contracts.AnchorRegistry;
import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;
import org.web3j.tuples.generated.Tuple4;

/**
 * Anchors Merkle log checkpoints in an {@code AnchorRegistry} on any EVM JSON-RPC node, each with
 * its consistency proof from the previous one (the contract verifies it).
 *
 * <p>Idempotent by content: a checkpoint whose root is already anchored at its size is not sent
 * again. Reorganisations and node state loss: the client remembers what it anchored (its journal,
 * which a caller can preload after a restart with {@link #remember}); when the chain's latest
 * anchor is behind the previous size of the checkpoint being anchored, the missing ones are sent
 * again, in order, before it.
 */
public final class AnchorClient implements AutoCloseable {
    /** How many of the latest anchors the client keeps to send again; a caller preloads no more ({@link #remember}). */
    public static final int JOURNAL_LIMIT = 4096;

    private final ChainTransactions chain;
    private final AnchorRegistry registry;
    private final Map<Long, Anchor> journal = new TreeMap<>();

    /** Where an anchor landed: its transaction and block, or an empty hash and -1 if it was anchored before. */
    public record AnchorReceipt(long treeSize, String transactionHash, long blockNumber) {
    }

    /** The latest anchored checkpoint of a log (size 0 and a zero root when it has none). */
    public record LatestAnchor(long treeSize, byte[] root, long count, long anchoredAtEpochSecond) {
    }

    private AnchorClient(ChainTransactions chain, String contractAddress) {
        this.chain = chain;
        this.registry = AnchorRegistry.load(contractAddress, chain.web3j(),
                new ReadonlyTransactionManager(chain.web3j(), chain.address()), new DefaultGasProvider());
    }

    public static AnchorClient connect(ChainConfig chain, String contractAddress) {
        return connect(chain, contractAddress, SendPolicy.forChain(chain), new GasMeter());
    }

    public static AnchorClient connect(ChainConfig chain, String contractAddress, SendPolicy policy, GasMeter gas) {
        return new AnchorClient(new ChainTransactions(chain, policy, gas), contractAddress);
    }

    /** A log's id on chain: SHA-256 of its checkpoint origin line (the first line of its checkpoints). */
    public static byte[] logIdOf(String origin) {
        return PeriodClient.idOf(origin);
    }

    /** Adds already anchored checkpoints to the journal, so they can be sent again if they fall out. */
    public synchronized void remember(List<Anchor> anchors) {
        anchors.forEach(this::journal);
    }

    /** Anchors one checkpoint, first sending again any earlier ones the chain no longer has. */
    public synchronized AnchorReceipt anchor(Anchor anchor) throws IOException, InterruptedException {
        long chainLatest = chain.retrying("AnchorRegistry.latest", () -> latest(anchor.logId())).treeSize();
        if (chainLatest < anchor.previousSize()) {
            for (Anchor missing : missingBetween(anchor.logId(), chainLatest, anchor.previousSize())) {
                send(missing);
            }
        }
        AnchorReceipt receipt = send(anchor);
        journal(anchor);
        return receipt;
    }

    private List<Anchor> missingBetween(byte[] logId, long chainLatest, long previousSize) {
        List<Anchor> missing = new ArrayList<>();
        long expect = previousSize;
        for (Anchor known : journal.values()) {
            if (MessageDigest.isEqual(known.logId(), logId) && known.treeSize() > chainLatest && known.treeSize() <= previousSize) {
                missing.add(known);
            }
        }
        // The chain from chainLatest to previousSize must be complete, link by link.
        for (int i = missing.size() - 1; i >= 0 && expect > chainLatest; i--) {
            if (missing.get(i).treeSize() != expect) {
                break;
            }
            expect = missing.get(i).previousSize();
        }
        if (expect != chainLatest) {
            throw new IllegalStateException("the chain's latest anchor is tree size " + chainLatest
                    + " but this checkpoint extends size " + previousSize + ", and the anchors between them are not known to"
                    + " this client (preload them with remember()); the chain may have lost them in a reorganisation or a reset");
        }
        return missing;
    }

    private AnchorReceipt send(Anchor anchor) throws IOException, InterruptedException {
        String data = registry.anchor(anchor.logId(), BigInteger.valueOf(anchor.treeSize()), anchor.root(),
                anchor.checkpointHash(), anchor.proof()).encodeFunctionCall();
        ChainTransactions.Sent sent = chain.send("AnchorRegistry.anchor", registry.getContractAddress(), data,
                () -> alreadyAnchored(anchor));
        return new AnchorReceipt(anchor.treeSize(), sent.transactionHash(), sent.blockNumber());
    }

    private boolean alreadyAnchored(Anchor anchor) throws IOException {
        LatestAnchor latest = latest(anchor.logId());
        if (latest.treeSize() < anchor.treeSize()) {
            return false;
        }
        Optional<byte[]> existing = latest.treeSize() == anchor.treeSize()
                ? Optional.of(latest.root()) : rootAt(anchor.logId(), anchor.treeSize());
        if (existing.isEmpty()) {
            return false;
        }
        if (!MessageDigest.isEqual(existing.get(), anchor.root())) {
            throw new IllegalStateException("tree size " + anchor.treeSize() + " is already anchored with a different root");
        }
        return true;
    }

    private void journal(Anchor anchor) {
        journal.put(anchor.treeSize(), anchor);
        while (journal.size() > JOURNAL_LIMIT) {
            journal.remove(journal.keySet().iterator().next());
        }
    }

    /**
     * The root anchored for exactly this tree size, if any, from the contract's {@code Anchored}
     * events (log id and tree size are indexed topics); storage keeps only the latest.
     */
    public Optional<byte[]> rootAt(byte[] logId, long treeSize) throws IOException {
        EthFilter filter = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST,
                registry.getContractAddress());
        filter.addSingleTopic(EventEncoder.encode(AnchorRegistry.ANCHORED_EVENT));
        filter.addSingleTopic(Numeric.toHexString(logId));
        filter.addSingleTopic(Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(treeSize), 64));
        EthLog logs = chain.web3j().ethGetLogs(filter).send();
        if (logs.hasError()) {
            throw new IOException("eth_getLogs failed: " + logs.getError().getMessage());
        }
        for (EthLog.LogResult<?> result : logs.getLogs()) {
            Log log = (Log) result.get();
            if (!log.isRemoved()) {
                return Optional.of(Arrays.copyOfRange(Numeric.hexStringToByteArray(log.getData()), 0, 32));
            }
        }
        return Optional.empty();
    }

    public LatestAnchor latest(byte[] logId) throws IOException {
        Tuple4<BigInteger, byte[], BigInteger, BigInteger> latest = read(registry.latest(logId));
        return new LatestAnchor(latest.component1().longValueExact(), latest.component2(),
                latest.component3().longValueExact(), latest.component4().longValueExact());
    }

    /**
     * Asks the contract itself whether (treeSize, root) is the log as it was at that size: the
     * latest anchored checkpoint (empty proof) or proven consistent with it.
     */
    public boolean isAnchoredPrefix(byte[] logId, long treeSize, byte[] root, List<byte[]> proofToLatest) throws IOException {
        return read(registry.isAnchoredPrefix(logId, BigInteger.valueOf(treeSize), root, proofToLatest));
    }

    public String contractAddress() {
        return registry.getContractAddress();
    }

    static <T> T read(org.web3j.protocol.core.RemoteFunctionCall<T> call) throws IOException {
        try {
            return call.send();
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("chain read failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        chain.close();
    }
}
