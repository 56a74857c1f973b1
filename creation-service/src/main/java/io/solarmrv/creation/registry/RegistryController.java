package io.solarmrv.creation.registry;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.solarmrv.attestation.DeviceRegistry;
import io.solarmrv.creation.access.OperatorScope;
import io.solarmrv.creation.access.Roles;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

/**
 * The registry over HTTP: operators (and the registry administrator) onboard sites, devices in
 * bulk (JSON or CSV), the keys from the agents' registration statements, and calibration
 * certificates; everyone signed in reads them.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class RegistryController {
    private static final String TEXT_CSV = "text/csv";

    @Serdeable
    public record Registered(int devices) {
    }

    @Serdeable
    public record KeysAdded(int added) {
    }

    private final Registry registry;
    private final OperatorScope scope;

    public RegistryController(Registry registry, OperatorScope scope) {
        this.registry = registry;
        this.scope = scope;
    }

    @Post("/sites")
    @Secured({Roles.OPERATOR, Roles.ADMIN})
    public HttpResponse<Site> createSite(@Body Site site, Authentication actor) throws SQLException, IOException {
        if (!badRequestIfInvalid(() -> registry.createSite(site, actor.getName()))) {
            throw new HttpStatusException(HttpStatus.CONFLICT, "site " + site.id() + " exists already");
        }
        return HttpResponse.created(site);
    }

    @Get("/sites/{siteId}")
    public Site site(@PathVariable("siteId") String id) throws SQLException {
        return registry.site(id).orElseThrow(() -> new HttpStatusException(HttpStatus.NOT_FOUND, "no site " + id));
    }

    /** Bulk onboarding from JSON: an array of devices, at most {@value Registry#MAX_BATCH}, all or none. */
    @Post("/devices")
    @Consumes(MediaType.APPLICATION_JSON)
    @Secured({Roles.OPERATOR, Roles.ADMIN})
    public HttpResponse<Registered> registerDevices(@Body List<Device> devices, Authentication actor)
            throws SQLException, IOException {
        return register(devices, actor);
    }

    /** Bulk onboarding from CSV (see {@link DeviceCsv} for the columns). */
    @Post("/devices")
    @Consumes(TEXT_CSV)
    @Secured({Roles.OPERATOR, Roles.ADMIN})
    public HttpResponse<Registered> registerDevicesCsv(@Body String csv, Authentication actor) throws SQLException, IOException {
        return register(badRequestIfInvalid(() -> DeviceCsv.parse(csv)), actor);
    }

    private HttpResponse<Registered> register(List<Device> devices, Authentication actor) throws SQLException, IOException {
        scope.checkSites(actor, devices.stream().map(Device::siteId).filter(java.util.Objects::nonNull).distinct().toList());
        List<String> taken = badRequestIfInvalid(() -> registry.registerDevices(devices, actor.getName()));
        if (!taken.isEmpty()) {
            throw new HttpStatusException(HttpStatus.CONFLICT, "already registered, nothing stored: "
                    + String.join(", ", taken.subList(0, Math.min(10, taken.size()))) + (taken.size() > 10 ? " ..." : ""));
        }
        return HttpResponse.created(new Registered(devices.size()));
    }

    /** Keys from the agents' registration statements ({@code mrv agent --print-registration}), one per line. */
    @Post("/devices/keys")
    @Consumes(MediaType.TEXT_PLAIN)
    @Secured({Roles.OPERATOR, Roles.ADMIN})
    public KeysAdded addKeys(@Body String registrationLines, Authentication actor) throws SQLException, IOException {
        List<DeviceRegistry.DeviceKey> keys = badRequestIfInvalid(() -> Registry.registrationKeys(registrationLines));
        scope.checkDevices(actor, keys.stream().map(DeviceRegistry.DeviceKey::deviceId).distinct().toList());
        return new KeysAdded(badRequestIfInvalid(() -> registry.addKeys(keys, actor.getName())));
    }

    @Get("/devices/{deviceId}")
    public Registry.DeviceRecord device(@PathVariable("deviceId") String id) throws SQLException {
        return registry.device(id).orElseThrow(() -> noDevice(id));
    }

    @Post("/devices/{deviceId}/calibrations")
    @Secured({Roles.OPERATOR, Roles.ADMIN})
    public HttpResponse<Calibration> addCalibration(@PathVariable("deviceId") String id, @Body Calibration calibration, Authentication actor)
            throws SQLException, IOException {
        boolean added = badRequestIfInvalid(() -> registry.addCalibration(id, calibration, actor.getName())).orElseThrow(() -> noDevice(id));
        if (!added) {
            throw new HttpStatusException(HttpStatus.CONFLICT, "certificate " + calibration.certificateId() + " is recorded already");
        }
        return HttpResponse.created(calibration);
    }

    /**
     * Revokes one of the device's keys (a gateway stolen or its key lost): from {@code revokedAt}
     * (default now) no reading signed with it counts, whatever time it carries, once the readings
     * job has the registry with the revocation. 404 if the device has no such key.
     */
    @Post("/devices/{deviceId}/key-revocations")
    @Secured({Roles.OPERATOR, Roles.ADMIN})
    public Registry.RevocationOutcome.Revoked revokeKey(@PathVariable("deviceId") String id, @Body KeyRevocation revocation,
                                                       Authentication actor) throws SQLException, IOException {
        Registry.RevocationOutcome outcome = badRequestIfInvalid(() -> registry.revokeKey(id, revocation, actor.getName()));
        if (outcome instanceof Registry.RevocationOutcome.Revoked revoked) {
            return revoked;
        }
        throw new HttpStatusException(HttpStatus.NOT_FOUND, "device " + id + " has no key " + revocation.key());
    }

    /**
     * Records a meter replaced behind a device (201): the old meter's final reading and both serials
     * ({@link MeterReplacement}); 409 if the old serial is not the registered one or a later
     * replacement is recorded. A period across it is then computed per meter.
     */
    @Post("/devices/{deviceId}/meter-replacements")
    @Secured({Roles.OPERATOR, Roles.ADMIN})
    public HttpResponse<MeterReplacement> replaceMeter(@PathVariable("deviceId") String id, @Body MeterReplacement replacement,
                                                       Authentication actor) throws SQLException, IOException {
        Registry.ReplacementOutcome outcome = badRequestIfInvalid(() -> registry.recordMeterReplacement(id, replacement, actor.getName()));
        if (outcome instanceof Registry.ReplacementOutcome.NoDevice) {
            throw noDevice(id);
        }
        if (outcome instanceof Registry.ReplacementOutcome.Conflict conflict) {
            throw new HttpStatusException(HttpStatus.CONFLICT, conflict.reason());
        }
        return HttpResponse.created(replacement);
    }

    /** The whole registry in the text form {@code mrv jobs --registry} reads. */
    @Get("/registry.txt")
    @Produces(MediaType.TEXT_PLAIN)
    public String registryText() throws SQLException {
        return registry.registryText();
    }

    /**
     * The readings job's quality profiles ({@code mrv jobs --quality}): each project's registered
     * devices with nameplates and their sites' positions.
     */
    @Get("/quality.properties")
    @Produces(MediaType.TEXT_PLAIN)
    public String qualityProfiles() throws SQLException {
        return registry.qualityProfiles();
    }

    private static HttpStatusException noDevice(String id) {
        return new HttpStatusException(HttpStatus.NOT_FOUND, "no device " + id);
    }

    /** A registry call whose {@link IllegalArgumentException} (a bad field, line or reference) becomes a 400. */
    private interface RegistryCall<T> {
        T call() throws SQLException, IOException;
    }

    private static <T> T badRequestIfInvalid(RegistryCall<T> call) throws SQLException, IOException {
        try {
            return call.call();
        } catch (IllegalArgumentException e) {
            throw new HttpStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }
}
