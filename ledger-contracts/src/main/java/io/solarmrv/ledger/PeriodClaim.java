package io.solarmrv.ledger;

/**
 * What a project participant claims for a monitoring period, as the MonitoringRegistry stores it:
 * the interval [start, end) in Unix seconds, the hash of the canonical monitoring report, the log
 * checkpoint (id, size, root) the report rests on (it must be anchored), the emission reduction in
 * kg CO2 and the credits in whole tCO2, both floored.
 */
public record PeriodClaim(byte[] projectId, long startEpochSecond, long endEpochSecond, byte[] reportHash,
                          byte[] logId, long logSize, byte[] logRoot, long reductionKg, long credits) {
    public PeriodClaim {
        if (endEpochSecond <= startEpochSecond) {
            throw new IllegalArgumentException("a period must end after it starts");
        }
        if (reductionKg < 0 || credits < 0) {
            throw new IllegalArgumentException("reduction and credits cannot be negative");
        }
    }
}
