package io.solarmrv.ledger;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;

/**
 * Sends contract calls from one account so that a retry can never do a thing twice: before every
 * attempt the caller's {@link Check} asks the chain whether the effect is already there (content,
 * not transaction hashes, decides). Between attempts: the node may be down (retried with backoff
 * for {@link SendPolicy#retryFor()}), the transaction may be dropped from the pool or fall out of
 * the chain in a reorganisation before it has {@link SendPolicy#confirmations()} (sent again). A
 * contract rule that refuses the call is a {@link ContractRevertException}, named from the ABI, and
 * is not retried. Nonces are read from the node (pending) for every send, so a restarted node or a
 * second sender cannot wedge the client. Gas used is added to a {@link GasMeter}.
 */
final class ChainTransactions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChainTransactions.class);
    private static final long POLL_MILLIS = 50;
    private static final Duration RECEIPT_WAIT = Duration.ofSeconds(30);

    /** Whether the call's effect is already on chain; asked before each attempt. */
    interface Check {
        boolean done() throws IOException;
    }

    /** The outcome of a call: the mined transaction, or nothing sent because it was already done. */
    record Sent(Optional<TransactionReceipt> receipt) {
        String transactionHash() {
            return receipt.map(TransactionReceipt::getTransactionHash).orElse("");
        }

        long blockNumber() {
            return receipt.map(r -> r.getBlockNumber().longValueExact()).orElse(-1L);
        }
    }

    /** Refusals that another attempt (fresh nonce, fresh fees) can get past. */
    private static final java.util.regex.Pattern RETRYABLE_REFUSAL =
            java.util.regex.Pattern.compile("(?i)nonce|already known|underpriced|temporarily");

    private final Web3j web3j;
    private final long chainId;
    private final Credentials credentials;
    private final RawTransactionManager transactions;
    private final SendPolicy policy;
    private final GasMeter gas;

    ChainTransactions(ChainConfig chain, SendPolicy policy, GasMeter gas) {
        this.web3j = Web3j.build(new HttpService(chain.rpcUrl()));
        this.credentials = Credentials.create(chain.privateKeyHex());
        this.transactions = new RawTransactionManager(web3j, credentials, chain.chainId());
        this.policy = policy;
        this.gas = gas;
        this.chainId = chain.chainId();
    }

    Web3j web3j() {
        return web3j;
    }

    Credentials credentials() {
        return credentials;
    }

    String address() {
        return credentials.getAddress();
    }

    /** A step that talks to the node; an IOException means the node could not be reached. */
    interface NodeCall<T> {
        T run() throws IOException, InterruptedException;
    }

    /** Calls {@code to} with {@code data} unless {@code alreadyDone} says the effect is on chain. */
    Sent send(String call, String to, String data, Check alreadyDone) throws IOException, InterruptedException {
        while (true) {
            Optional<Sent> sent = retrying(call, () -> {
                if (alreadyDone.done()) {
                    return Optional.of(new Sent(Optional.empty()));
                }
                Optional<TransactionReceipt> confirmed = attempt(call, to, data);
                if (confirmed.isPresent()) {
                    gas.record(call, confirmed.get().getGasUsed().longValueExact());
                    return Optional.of(new Sent(confirmed));
                }
                return Optional.empty();
            });
            if (sent.isPresent()) {
                return sent.get();
            }
            LOG.warn("{}: transaction dropped or reorganised out before {} confirmation(s); checking and sending again",
                    call, policy.confirmations());
        }
    }

    /** Runs a step, again and again with backoff while the node is unreachable, for up to {@link SendPolicy#retryFor()}. */
    <T> T retrying(String call, NodeCall<T> step) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + policy.retryFor().toNanos();
        long backoffMillis = 100;
        while (true) {
            try {
                return step.run();
            } catch (IOException unreachable) {
                if (System.nanoTime() > deadline) {
                    throw new IOException(call + ": chain node unreachable for " + policy.retryFor().toSeconds()
                            + " s: " + unreachable.getMessage(), unreachable);
                }
                LOG.warn("{}: chain node unreachable ({}); retrying in {} ms", call, unreachable.getMessage(), backoffMillis);
                Thread.sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 2_000);
            }
        }
    }

    /** One send: the confirmed receipt, or empty if the transaction vanished (dropped, reorganised). */
    private Optional<TransactionReceipt> attempt(String call, String to, String data) throws IOException, InterruptedException {
        EthEstimateGas estimate = web3j.ethEstimateGas(
                Transaction.createEthCallTransaction(address(), to, data)).send();
        if (estimate.hasError()) {
            if (!isRevert(estimate.getError())) {   // the node's trouble, not the contract's answer: retried
                throw new IOException("node could not estimate " + call + " (JSON-RPC error " + estimate.getError().getCode() + ": "
                        + estimate.getError().getMessage() + ")");
            }
            throw revert(call, estimate.getError());
        }
        BigInteger gasLimit = estimate.getAmountUsed().multiply(BigInteger.valueOf(6)).divide(BigInteger.valueOf(5));
        // EIP-1559 fees: at most twice the current base fee plus the node's suggested tip. (Deriving
        // a legacy price from eth_gasPrice feeds back: some nodes suggest recent prices paid.)
        BigInteger baseFee = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send()
                .getBlock().getBaseFeePerGas();
        BigInteger tip = web3j.ethMaxPriorityFeePerGas().send().getMaxPriorityFeePerGas();
        EthSendTransaction sent = transactions.sendEIP1559Transaction(chainId, tip, baseFee.shiftLeft(1).add(tip),
                gasLimit, to, data, BigInteger.ZERO);
        if (sent.hasError()) {
            String message = sent.getError().getMessage();
            if (RETRYABLE_REFUSAL.matcher(message).find()) {
                throw new IOException("node refused the transaction for now: " + message);
            }
            throw new IllegalStateException(call + ": the node refused the transaction: " + message
                    + " (account " + address() + ")");
        }
        String hash = sent.getTransactionHash();
        Optional<TransactionReceipt> receipt = awaitReceipt(hash);
        if (receipt.isEmpty()) {
            return Optional.empty();
        }
        if (!receipt.get().isStatusOK()) {
            throw new ContractRevertException(call, RevertDecoder.name(receipt.get().getRevertReason()),
                    RevertDecoder.describe(receipt.get().getRevertReason()) + " in transaction " + hash);
        }
        return awaitConfirmations(hash, receipt.get());
    }

    private Optional<TransactionReceipt> awaitReceipt(String hash) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + RECEIPT_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<TransactionReceipt> receipt = web3j.ethGetTransactionReceipt(hash).send().getTransactionReceipt();
            if (receipt.isPresent()) {
                return receipt;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return Optional.empty();
    }

    private Optional<TransactionReceipt> awaitConfirmations(String hash, TransactionReceipt receipt)
            throws IOException, InterruptedException {
        long target = receipt.getBlockNumber().longValueExact() + policy.confirmations() - 1;
        while (web3j.ethBlockNumber().send().getBlockNumber().longValueExact() < target) {
            Thread.sleep(POLL_MILLIS);
        }
        // Still there with the same block? A reorganisation would have removed or moved it.
        return web3j.ethGetTransactionReceipt(hash).send().getTransactionReceipt()
                .filter(again -> again.getBlockHash().equals(receipt.getBlockHash()));
    }

    /**
     * Whether a JSON-RPC error is the contract refusing (revert data, or a message saying the
     * execution reverted) rather than the node failing (rate limited, internal error, syncing):
     * only the first is final; the second is retried like an unreachable node.
     */
    static boolean isRevert(Response.Error error) {
        String data = error.getData();
        if (data != null && data.startsWith("\"")) {
            data = data.substring(1, data.length() - 1);
        }
        if (data != null && data.startsWith("0x") && data.length() >= 10) {
            return true;
        }
        String message = error.getMessage() == null ? "" : error.getMessage().toLowerCase(java.util.Locale.ROOT);
        return message.contains("revert");
    }

    private static ContractRevertException revert(String call, Response.Error error) {
        String data = error.getData();
        if (data != null && data.startsWith("\"")) {
            data = data.substring(1, data.length() - 1);
        }
        String reason = data != null && data.startsWith("0x") && data.length() >= 10
                ? RevertDecoder.describe(data) : error.getMessage();
        return new ContractRevertException(call, RevertDecoder.name(data), reason);
    }

    /** eth_call of a view function at the latest block; IOException when the node is unreachable. */
    String call(String to, String data) throws IOException {
        var result = web3j.ethCall(Transaction.createEthCallTransaction(address(), to, data), DefaultBlockParameterName.LATEST).send();
        if (result.hasError()) {
            throw new IOException("eth_call failed: " + result.getError().getMessage());
        }
        return result.getValue();
    }

    @Override
    public void close() {
        web3j.shutdown();
    }
}
