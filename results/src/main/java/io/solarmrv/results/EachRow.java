package io.solarmrv.results;

import java.sql.SQLException;

/**
 * What a streamed read of the results database does with each row, in order ({@link LogIndex#forEach},
 * {@link LogCheckpoints#forEach}, {@link QualityFlags#forEach}); it may query the same database.
 */
@FunctionalInterface
public interface EachRow<T> {
    void accept(T row) throws SQLException;
}
