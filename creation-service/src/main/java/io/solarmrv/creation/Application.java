package io.solarmrv.creation;

import io.micronaut.runtime.Micronaut;

/** Starts the creation service (see application.yml for settings and their environment variables). */
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
