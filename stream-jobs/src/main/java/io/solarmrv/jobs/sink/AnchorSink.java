package io.solarmrv.jobs.sink;

import io.solarmrv.jobs.LogCheckpoint;
import io.solarmrv.ledger.AnchorClient;
import io.solarmrv.ledger.ChainConfig;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Anchors each log checkpoint on chain (idempotent by content) and records the transaction in
 * {@code log_checkpoints}. Runs with parallelism 1: checkpoints arrive in tree-size order.
 */
public final class AnchorSink implements Sink<LogCheckpoint> {
    private static final String RECORD = "INSERT INTO log_checkpoints (tree_size, root, contract_address, tx_hash, block_number,"
            + " signed_note) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (tree_size) DO NOTHING";

    private final ChainConfig chain;
    private final String contractAddress;
    private final String jdbcUrl;

    public AnchorSink(ChainConfig chain, String contractAddress, String jdbcUrl) {
        this.chain = chain;
        this.contractAddress = contractAddress;
        this.jdbcUrl = jdbcUrl;
    }

    @Override
    public SinkWriter<LogCheckpoint> createWriter(WriterInitContext context) throws IOException {
        try {
            return new Writer(AnchorClient.connect(chain, contractAddress), DriverManager.getConnection(jdbcUrl));
        } catch (SQLException e) {
            throw new IOException("cannot connect to the results database: " + e.getMessage(), e);
        }
    }

    private static final class Writer implements SinkWriter<LogCheckpoint> {
        private final AnchorClient client;
        private final Connection connection;

        Writer(AnchorClient client, Connection connection) {
            this.client = client;
            this.connection = connection;
        }

        @Override
        public void write(LogCheckpoint checkpoint, Context context) throws IOException {
            try {
                AnchorClient.AnchorReceipt receipt = client.anchor(checkpoint.treeSize(), checkpoint.root());
                try (PreparedStatement insert = connection.prepareStatement(RECORD)) {
                    insert.setLong(1, checkpoint.treeSize());
                    insert.setBytes(2, checkpoint.root());
                    insert.setString(3, client.contractAddress());
                    insert.setString(4, receipt.transactionHash());
                    insert.setLong(5, receipt.blockNumber());
                    insert.setString(6, checkpoint.signedNote());
                    insert.executeUpdate();
                }
            } catch (Exception e) {
                throw new IOException("anchoring tree size " + checkpoint.treeSize() + " failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void flush(boolean endOfInput) {
        }

        @Override
        public void close() throws SQLException {
            client.close();
            connection.close();
        }
    }
}
