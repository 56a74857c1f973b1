package io.solarmrv.creation.access;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first account: while the service has no users at all, {@code MRV_BOOTSTRAP_ADMIN_PASSWORD}
 * (property {@code mrv.bootstrap-admin-password}) creates the registry administrator {@code admin}
 * with it. Once any user exists the setting is ignored, so it never resets a password. First, it loads
 * the accounts' credentials versions ({@link CredentialVersions}), so sessions are judged from the start.
 */
@Singleton
class AdminBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);
    private final Accounts accounts;
    private final String password;

    AdminBootstrap(Accounts accounts, @Value("${mrv.bootstrap-admin-password:}") String password) {
        this.accounts = accounts;
        this.password = password;
    }

    @EventListener
    void onStartup(StartupEvent event) throws SQLException {
        accounts.loadCredentialVersions();
        if (accounts.anyUser()) {
            return;
        }
        if (password.isEmpty()) {
            LOG.warn("no accounts yet: set MRV_BOOTSTRAP_ADMIN_PASSWORD (12+ characters) and restart to create 'admin'");
            return;
        }
        accounts.createUser("admin", password, Roles.ADMIN, "bootstrap");
        LOG.info("created the registry administrator 'admin' from MRV_BOOTSTRAP_ADMIN_PASSWORD");
    }
}
