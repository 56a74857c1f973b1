package io.solarmrv.ledger;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
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
 * is not retried. Gas used is added to a {@link GasMeter}.
 *
 * <p>Nonces: a call's first transaction takes the node's pending nonce. If it is still unmined after
 * {@link SendPolicy#stuckAfter()} (fees too low for the market), it is <em>replaced</em>: the same
 * call at the same nonce with both fees raised by an eighth (nodes ask at least a tenth), up to ten
 * times the first fee cap; after {@link #MAX_ROUNDS} rounds the call fails with an IOException (a
 * deadline, not a hang) and stays undone. Only one of the transactions at that nonce can ever be mined, so a stuck
 * call is never done twice; sending the retry at the next nonce would queue it behind the stuck one
 * and, once fees fell, mine both. When the nonce is taken by a transaction that is none of the
 * call's (a second sender, a restarted node), the next attempt takes a fresh pending nonce.
 */
final class ChainTransactions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChainTransactions.class);
    private static final long POLL_MILLIS = 50;
    /** A replacement's fees exceed the replaced one's by an eighth (geth and anvil require a tenth). */
    private static final int FEE_BUMP_DIVISOR = 8;
    /** Replacements stop raising the fee cap at this multiple of the call's first fee cap. */
    private static final int FEE_CAP_MULTIPLE = 10;
    /** Rounds of stuck, dropped or reorganised-out transactions before a call gives up (20 x 30 s: ten minutes). */
    static final int MAX_ROUNDS = 20;

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
        return send(call, to, data, BigInteger.ZERO, alreadyDone);
    }

    /** As {@link #send(String, String, String, Check)}, transferring {@code value} wei with the call. */
    Sent send(String call, String to, String data, BigInteger value, Check alreadyDone) throws IOException, InterruptedException {
        InFlight inFlight = new InFlight();
        for (int round = 1; ; round++) {
            Optional<Sent> sent = retrying(call, () -> {
                if (alreadyDone.done()) {
                    return Optional.of(new Sent(Optional.empty()));
                }
                Optional<TransactionReceipt> confirmed = attempt(call, to, data, value, inFlight);
                if (confirmed.isPresent()) {
                    gas.record(call, confirmed.get().getGasUsed().longValueExact());
                    return Optional.of(new Sent(confirmed));
                }
                return Optional.empty();
            });
            if (sent.isPresent()) {
                return sent.get();
            }
            if (round == MAX_ROUNDS) {
                throw new IOException(call + ": no transaction of the call was mined and confirmed in " + MAX_ROUNDS
                        + " rounds of " + policy.stuckAfter().toMillis() + " ms (fees capped at " + FEE_CAP_MULTIPLE
                        + "x the first); the call stays undone and is tried again on its next step");
            }
            LOG.warn("{}: transaction unmined after {} ms, dropped, or reorganised out before {} confirmation(s);"
                    + " checking and sending again", call, policy.stuckAfter().toMillis(), policy.confirmations());
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

    /**
     * The transactions one call has sent at one nonce, each a replacement of the one before: the
     * nonce, the fees of the latest, and every hash (any of them may be the one mined).
     */
    private static final class InFlight {
        BigInteger nonce;
        BigInteger gasLimit;
        BigInteger tip;
        BigInteger feeCap;
        BigInteger feeCapLimit;
        final java.util.List<String> hashes = new java.util.ArrayList<>();
    }

    /** One send: the confirmed receipt, or empty if the transaction is stuck or vanished (dropped, reorganised). */
    private Optional<TransactionReceipt> attempt(String call, String to, String data, BigInteger value, InFlight inFlight)
            throws IOException, InterruptedException {
        if (inFlight.nonce != null && minedNonces().compareTo(inFlight.nonce) > 0 && mined(inFlight.hashes).isEmpty()) {
            LOG.warn("{}: nonce {} was taken by another transaction; sending at a fresh nonce", call, inFlight.nonce);
            inFlight.nonce = null;
            inFlight.hashes.clear();
        }
        // EIP-1559 fees: at most twice the current base fee plus the node's suggested tip. (Deriving
        // a legacy price from eth_gasPrice feeds back: some nodes suggest recent prices paid.)
        BigInteger baseFee = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send()
                .getBlock().getBaseFeePerGas();
        BigInteger tip = web3j.ethMaxPriorityFeePerGas().send().getMaxPriorityFeePerGas();
        BigInteger feeCap = baseFee.shiftLeft(1).add(tip);
        if (inFlight.nonce == null) {
            inFlight.gasLimit = estimateGas(call, to, data, value);
            inFlight.nonce = web3j.ethGetTransactionCount(address(), DefaultBlockParameterName.PENDING).send().getTransactionCount();
            inFlight.feeCapLimit = feeCap.multiply(BigInteger.valueOf(FEE_CAP_MULTIPLE));
        } else {
            // The same call again: not estimated again (a node estimating on its pending state would
            // see the stuck transaction's effect and answer that the call reverts).
            tip = tip.max(bumped(inFlight.tip));
            feeCap = feeCap.max(bumped(inFlight.feeCap)).min(inFlight.feeCapLimit).max(tip);
            LOG.warn("{}: replacing the transaction stuck at nonce {} (tip {} -> {}, fee cap {} -> {} wei/gas)", call,
                    inFlight.nonce, inFlight.tip, tip, inFlight.feeCap, feeCap);
        }
        BigInteger needed = inFlight.gasLimit.multiply(feeCap).add(value);
        BigInteger balance = balanceOf(address());
        if (balance.compareTo(needed) < 0) {
            throw new InsufficientFundsException(call, address(), needed, balance, inFlight.gasLimit, feeCap);
        }
        RawTransaction transaction = RawTransaction.createTransaction(chainId, inFlight.nonce, inFlight.gasLimit, to, value,
                data, tip, feeCap);
        EthSendTransaction sent = transactions.signAndSend(transaction);
        if (sent.hasError()) {
            String message = sent.getError().getMessage();
            if (RETRYABLE_REFUSAL.matcher(message).find()) {
                throw new IOException("node refused the transaction for now: " + message);
            }
            throw new IllegalStateException(call + ": the node refused the transaction: " + message
                    + " (account " + address() + ")");
        }
        inFlight.tip = tip;
        inFlight.feeCap = feeCap;
        inFlight.hashes.add(sent.getTransactionHash());
        Optional<TransactionReceipt> receipt = awaitReceipt(inFlight.hashes);
        if (receipt.isEmpty()) {
            return Optional.empty();
        }
        String hash = receipt.get().getTransactionHash();
        if (!receipt.get().isStatusOK()) {
            throw new ContractRevertException(call, RevertDecoder.name(receipt.get().getRevertReason()),
                    RevertDecoder.describe(receipt.get().getRevertReason()) + " in transaction " + hash);
        }
        return awaitConfirmations(hash, receipt.get());
    }

    /** The call's gas limit: the node's estimate and a fifth more; a refusal in the estimate is the contract's revert. */
    private BigInteger estimateGas(String call, String to, String data, BigInteger value) throws IOException {
        EthEstimateGas estimate = web3j.ethEstimateGas(
                Transaction.createFunctionCallTransaction(address(), null, null, null, to, value, data)).send();
        if (estimate.hasError()) {
            if (isAboveBlockGasLimit(estimate.getError())) {   // never minable as it is: not the node's passing trouble
                throw new GasLimitExceededException(call, estimate.getError().getMessage());
            }
            if (!isRevert(estimate.getError())) {   // the node's trouble, not the contract's answer: retried
                throw new IOException("node could not estimate " + call + " (JSON-RPC error " + estimate.getError().getCode() + ": "
                        + estimate.getError().getMessage() + ")");
            }
            throw revert(call, estimate.getError());
        }
        return estimate.getAmountUsed().multiply(BigInteger.valueOf(6)).divide(BigInteger.valueOf(5));
    }

    /** A fee raised enough to replace a transaction paying {@code fee}: by an eighth, rounded up. */
    static BigInteger bumped(BigInteger fee) {
        return fee.add(fee.add(BigInteger.valueOf(FEE_BUMP_DIVISOR - 1)).divide(BigInteger.valueOf(FEE_BUMP_DIVISOR)))
                .max(fee.add(BigInteger.ONE));
    }

    /** How many of this account's transactions are mined (the next nonce the chain expects). */
    private BigInteger minedNonces() throws IOException {
        return web3j.ethGetTransactionCount(address(), DefaultBlockParameterName.LATEST).send().getTransactionCount();
    }

    /** The receipt of whichever of the hashes is mined, if any. */
    private Optional<TransactionReceipt> mined(java.util.List<String> hashes) throws IOException {
        for (String hash : hashes) {
            Optional<TransactionReceipt> receipt = web3j.ethGetTransactionReceipt(hash).send().getTransactionReceipt();
            if (receipt.isPresent()) {
                return receipt;
            }
        }
        return Optional.empty();
    }

    /** Waits up to {@link SendPolicy#stuckAfter()} for one of the hashes to be mined. */
    private Optional<TransactionReceipt> awaitReceipt(java.util.List<String> hashes) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + policy.stuckAfter().toNanos();
        while (System.nanoTime() < deadline) {
            Optional<TransactionReceipt> receipt = mined(hashes);
            if (receipt.isPresent()) {
                return receipt;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return mined(hashes);
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

    /** The node's answer that a call needs more gas than a block holds (geth and anvil: "gas required exceeds allowance"). */
    static boolean isAboveBlockGasLimit(Response.Error error) {
        String message = error.getMessage() == null ? "" : error.getMessage().toLowerCase(java.util.Locale.ROOT);
        return message.contains("gas required exceeds allowance") || message.contains("exceeds block gas limit");
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

    /** The account's balance in wei at the latest block. */
    BigInteger balanceOf(String account) throws IOException {
        return web3j.ethGetBalance(account, DefaultBlockParameterName.LATEST).send().getBalance();
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
