package io.solarmrv.creation.period;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.solarmrv.creation.access.Roles;
import java.io.IOException;
import java.sql.SQLException;

/**
 * The job's Merkle log, read-only, as a C2SP tlog-tiles log under {@code /log}
 * (https://c2sp.org/tlog-tiles): {@code /log/checkpoint}, the newest anchored checkpoint's signed
 * note; {@code /log/tile/<L>/<N>[.p/<W>]}, hash tiles; {@code /log/tile/entries/<N>[.p/<W>]}, entry
 * bundles. Any signed-in account reads the checkpoint and the hash tiles (hashes only: enough for a
 * witness or auditor to check consistency and inclusion). Entry bundles hold every project's signed
 * readings, so only the registry administrator and auditors (roles across projects) read them; a
 * project's verifier gets its readings in the period's proof bundle.
 */
@Controller("/log")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class LogController {
    /** Tiles never change once written, a partial tile included (its width is in its name). */
    private static final String IMMUTABLE = "private, max-age=31536000, immutable";

    private final AnchoredLog log;

    public LogController(AnchoredLog log) {
        this.log = log;
    }

    @Get(value = "/checkpoint", produces = MediaType.TEXT_PLAIN + ";charset=utf-8")
    public HttpResponse<String> checkpoint() throws SQLException {
        String note = log.latestSignedNote().orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND,
                "no checkpoint of the log has been anchored yet"));
        return HttpResponse.ok(note).header("Cache-Control", "no-cache");
    }

    @Get(value = "/tile/entries/{+path}", produces = MediaType.APPLICATION_OCTET_STREAM)
    @Secured({Roles.ADMIN, Roles.AUDITOR})
    public HttpResponse<byte[]> entries(@PathVariable String path) throws IOException {
        return tileResponse("tile/entries/" + path);
    }

    @Get(value = "/tile/{level}/{+path}", produces = MediaType.APPLICATION_OCTET_STREAM)
    public HttpResponse<byte[]> tile(@PathVariable String level, @PathVariable String path) throws IOException {
        if ("entries".equals(level)) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "no tile tile/entries/" + path);
        }
        return tileResponse("tile/" + level + "/" + path);
    }

    private HttpResponse<byte[]> tileResponse(String relative) throws IOException {
        if (!log.servesTiles()) {
            throw new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE, "the log's tiles are not served here: set MRV_LOG_TILES_DIR"
                    + " to the directory the job writes them to (mrv jobs --log-tiles)");
        }
        byte[] bytes = log.tile(relative).orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "no tile " + relative
                + " (names follow c2sp.org/tlog-tiles: tile/<L>/<N>[.p/<W>], tile/entries/<N>[.p/<W>])"));
        return HttpResponse.ok(bytes).header("Cache-Control", IMMUTABLE);
    }
}
