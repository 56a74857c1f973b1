package io.solarmrv.creation;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** Liveness for launchers and load balancers. */
@Controller("/health")
public class HealthController {
    @Get
    public String health() {
        return "ok";
    }
}
