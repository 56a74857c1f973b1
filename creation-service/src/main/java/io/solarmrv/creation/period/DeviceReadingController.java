package io.solarmrv.creation.period;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.solarmrv.creation.access.Roles;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code GET /devices/{deviceId}/reading?at=T}: where in the log a verifier finds the device's
 * reading at a time (its last reading at or before T, and the next one in its chain), for {@code mrv
 * verify --log URL --device D --at T}, which proves both from the log's tiles against the signed
 * checkpoint. The answer is a lookup, not evidence: nothing in it is trusted until proven. Verifiers
 * of a project monitoring the device, auditors and the administrator read it.
 */
@Controller("/devices/{deviceId}/reading")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({Roles.VERIFIER, Roles.AUDITOR, Roles.ADMIN})
public class DeviceReadingController {
    private final AnchoredLog log;

    public DeviceReadingController(AnchoredLog log) {
        this.log = log;
    }

    /**
     * @param treeSize the latest anchored checkpoint's size, within which both readings lie
     * @param next     the reading after {@code reading} in the device's chain, if the log has it
     */
    @Serdeable
    public record ReadingAt(String deviceId, Instant at, long treeSize, AnchoredLog.LoggedReading reading,
                            @Nullable AnchoredLog.LoggedReading next) {
    }

    @Get
    public ReadingAt readingAt(@PathVariable String deviceId, @QueryValue @Nullable String at) throws SQLException {
        if (at == null) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "at is required: an ISO-8601 instant, e.g. 2026-12-01T03:00:00Z");
        }
        Instant instant;
        try {
            instant = Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, "at is not an ISO-8601 instant: '" + at + "'");
        }
        long size = log.latest().map(AnchoredLog.LatestCheckpoint::treeSize).orElseThrow(() -> new HttpStatusException(
                HttpStatus.NOT_FOUND, "no checkpoint of the log has been anchored yet"));
        List<AnchoredLog.LoggedReading> found = log.readingAt(deviceId, instant, size);
        if (found.isEmpty()) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "the anchored log (" + size + " leaves) holds no reading of " + deviceId
                    + " at or before " + instant);
        }
        return new ReadingAt(deviceId, instant, size, found.get(0), found.size() > 1 ? found.get(1) : null);
    }
}
