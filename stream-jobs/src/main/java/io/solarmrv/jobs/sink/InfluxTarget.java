package io.solarmrv.jobs.sink;

import java.io.Serializable;

/** An InfluxDB 1.x server and the database the job writes to, e.g. {@code http://127.0.0.1:8086}, {@code mrv}. */
public record InfluxTarget(String url, String database) implements Serializable {
    public InfluxTarget {
        if (url == null || !url.matches("https?://.+")) {
            throw new IllegalArgumentException("InfluxDB URL must be http(s)://host:port, was " + url);
        }
        if (database == null || !database.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("InfluxDB database name must be letters, digits and _, was " + database);
        }
    }
}
