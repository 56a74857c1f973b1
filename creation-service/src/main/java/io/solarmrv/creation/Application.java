package io.solarmrv.creation;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/**
 * Starts the creation service (see application.yml for settings and their environment variables).
 * Its OpenAPI document is generated at build time and served at {@code /openapi/creation-service.yml}.
 */
@OpenAPIDefinition(info = @Info(title = "solar-mrv creation service", version = "0.1",
        description = "Projects and monitoring reports of the solar-mrv pipeline; errors are RFC 9457 problem details."))
@io.micronaut.serde.annotation.SerdeImport(io.solarmrv.attestation.methodology.EmissionFactor.class)
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        String secret = System.getenv("MRV_JWT_SECRET");
        if (secret == null || secret.length() < 32) {
            System.err.println("creation-service: MRV_JWT_SECRET must be set to a secret of at least 32 characters"
                    + " (it signs sign-in tokens), e.g. MRV_JWT_SECRET=$(openssl rand -base64 48)");
            System.exit(2);
        }
        Micronaut.run(Application.class, args);
    }
}
