package io.solarmrv.creation;

import io.solarmrv.attestation.MerkleHash;
import io.solarmrv.attestation.MerkleTree;
import io.solarmrv.attestation.Sha256;
import io.solarmrv.ledger.Anchor;
import io.solarmrv.ledger.AnchorClient;
import io.solarmrv.ledger.AnvilNode;
import io.solarmrv.ledger.ChainConfig;
import io.solarmrv.ledger.LedgerDeployment;
import io.solarmrv.ledger.PeriodClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real anvil with the contracts deployed, and a log in the results database whose first
 * {@code anchored} leaves are anchored on it: one device read every 30 minutes from {@code t0 - 30
 * min}, 750 kWh a step. Accounts: 0 registrar and issuer (the service), 1 the project participant
 * (the service), 2 the verifier (its key stays with the test, as with a real verifier).
 */
final class ChainFixture implements AutoCloseable {
    static final String ORIGIN = "solar-mrv.test/log";

    final AnvilNode anvil;
    final LedgerDeployment ledger;
    /** The verifier's own key, which signs decisions. */
    final PeriodClient verifierKey;
    /** Reads what the chain holds. */
    final PeriodClient readChain;

    private ChainFixture(AnvilNode anvil, LedgerDeployment ledger) {
        this.anvil = anvil;
        this.ledger = ledger;
        this.verifierKey = PeriodClient.connect(anvil.account(2), ledger);
        this.readChain = PeriodClient.connect(anvil.chain(), ledger);
    }

    static ChainFixture start(EmbeddedPostgres postgres, String device, Instant t0, int readings, int anchored) {
        try {
            List<LogRow> rows = new ArrayList<>();
            for (int i = 0; i < readings; i++) {
                Instant at = t0.plusSeconds(1800L * (i - 1));
                rows.add(new LogRow(device, i, at, 750_000L * i, SignedEnvelopes.of(device, i, at.toEpochMilli(), 750_000L * i)));
            }
            ChainFixture fixture = start(postgres, rows, anchored);
            try (Connection c = postgres.getPostgresDatabase().getConnection()) {
                seedHourlyEnergy(c, device, t0, readings);
            }
            return fixture;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A log leaf as the stream job writes it: the reading's figures and its envelope (evidence). */
    record LogRow(String device, long sequence, Instant timestamp, long registerWh, byte[] envelope) {
    }

    /** A chain and a log of the given leaves, in order, whose first {@code anchored} are anchored. */
    static ChainFixture start(EmbeddedPostgres postgres, List<LogRow> rows, int anchored) {
        try {
            AnvilNode anvil = AnvilNode.start();
            String account0 = anvil.address(0);
            String account2 = anvil.address(2);
            LedgerDeployment ledger = LedgerDeployment.deploy(anvil.chain(), Duration.ofDays(2),
                    new LedgerDeployment.Roles(account0, account0, account2, account0));
            ChainFixture fixture = new ChainFixture(anvil, ledger);
            fixture.seedLog(postgres, rows, anchored);
            return fixture;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void seedLog(EmbeddedPostgres postgres, List<LogRow> rows, int anchored) throws Exception {
        if (TestLog.size(postgres) != 0) {
            throw new IllegalStateException("the chain fixture's log starts at leaf 0: seed it before any other reading");
        }
        List<byte[]> leafHashes = new ArrayList<>();
        for (LogRow row : rows) {
            leafHashes.add(MerkleHash.leafHash(row.envelope()));
        }
        TestLog.append(postgres, rows.stream().map(row -> new TestLog.Row(row.device(), row.sequence(),
                row.timestamp().toEpochMilli(), row.registerWh(), row.envelope())).toList());
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            byte[] root = MerkleTree.root(leafHashes.subList(0, anchored));
            String note = ORIGIN + "\n" + anchored + "\n" + Base64.getEncoder().encodeToString(root) + "\n\n— test\n";
            AnchorClient.AnchorReceipt receipt;
            try (AnchorClient anchors = AnchorClient.connect(anvil.chain(), ledger.anchorRegistry())) {
                receipt = anchors.anchor(new Anchor(AnchorClient.logIdOf(ORIGIN), anchored, root,
                        Sha256.hash(note.getBytes(StandardCharsets.UTF_8)), 0, List.of()));
            }
            try (PreparedStatement checkpoint = c.prepareStatement("INSERT INTO log_checkpoints VALUES (?, ?, ?, ?, ?, ?, 0, ?)")) {
                checkpoint.setLong(1, anchored);
                checkpoint.setBytes(2, root);
                checkpoint.setString(3, ledger.anchorRegistry());
                checkpoint.setString(4, receipt.transactionHash());
                checkpoint.setLong(5, receipt.blockNumber());
                checkpoint.setString(6, note);
                checkpoint.setBytes(7, new byte[0]);
                checkpoint.executeUpdate();
            }
        }
    }

    /** The stream job's hourly energy for the same readings: two per hour, 1.5 MWh an hour. */
    private static void seedHourlyEnergy(Connection c, String device, Instant t0, int readings) throws java.sql.SQLException {
        try (PreparedStatement hour = c.prepareStatement("INSERT INTO hourly_energy VALUES (?, ?, 2, ?, ?, ?, ?, 1500000)")) {
            for (int i = 1; i + 1 < readings; i += 2) {
                hour.setString(1, device);
                hour.setLong(2, t0.plusSeconds(1800L * (i - 1)).toEpochMilli());
                hour.setLong(3, t0.plusSeconds(1800L * (i - 1)).toEpochMilli());
                hour.setLong(4, 750_000L * i);
                hour.setLong(5, t0.plusSeconds(1800L * i).toEpochMilli());
                hour.setLong(6, 750_000L * (i + 1));
                hour.addBatch();
            }
            hour.executeBatch();
        }
    }

    /** The service's chain settings for this chain. */
    Map<String, String> properties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("mrv.chain.rpc-url", anvil.rpcUrl());
        properties.put("mrv.chain.id", Long.toString(ChainConfig.ANVIL_CHAIN_ID));
        properties.put("mrv.chain.anchor-registry", ledger.anchorRegistry());
        properties.put("mrv.chain.monitoring-registry", ledger.monitoringRegistry());
        properties.put("mrv.chain.credit-issuance", ledger.creditIssuance());
        properties.put("mrv.chain.registrar-key", anvil.chain().privateKeyHex());
        properties.put("mrv.chain.issuer-key", anvil.chain().privateKeyHex());
        properties.put("mrv.chain.participant-key", anvil.account(1).privateKeyHex());
        return properties;
    }

    @Override
    public void close() {
        verifierKey.close();
        readChain.close();
        anvil.close();
    }
}
