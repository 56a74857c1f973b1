package io.solarmrv.jobs.sink;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes elements with one idempotent SQL statement (an upsert), batched and committed on every
 * Flink checkpoint and at end of input. At-least-once delivery plus idempotent statements gives
 * each row exactly once.
 */
public final class JdbcBatchSink<T> implements Sink<T> {
    private final String jdbcUrl;
    private final String sql;
    private final StatementBinder<T> binder;

    public JdbcBatchSink(String jdbcUrl, String sql, StatementBinder<T> binder) {
        this.jdbcUrl = jdbcUrl;
        this.sql = sql;
        this.binder = binder;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        try {
            return new Writer<>(DriverManager.getConnection(jdbcUrl), sql, binder);
        } catch (SQLException e) {
            throw new IOException("cannot connect to " + jdbcUrl.replaceAll("password=[^&]*", "password=***") + ": " + e.getMessage(), e);
        }
    }

    private static final class Writer<T> implements SinkWriter<T> {
        private final Connection connection;
        private final PreparedStatement statement;
        private final StatementBinder<T> binder;
        private int pending;

        Writer(Connection connection, String sql, StatementBinder<T> binder) throws SQLException {
            this.connection = connection;
            this.binder = binder;
            connection.setAutoCommit(false);
            this.statement = connection.prepareStatement(sql);
        }

        @Override
        public void write(T element, Context context) throws IOException {
            try {
                binder.bind(statement, element);
                statement.addBatch();
                pending++;
            } catch (SQLException e) {
                throw new IOException("cannot bind " + element + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            if (pending == 0) {
                return;
            }
            try {
                statement.executeBatch();
                connection.commit();
                pending = 0;
            } catch (SQLException e) {
                throw new IOException("batch write failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() throws Exception {
            statement.close();
            connection.close();
        }
    }
}
