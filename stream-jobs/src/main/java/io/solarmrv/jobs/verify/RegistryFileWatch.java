package io.solarmrv.jobs.verify;

import io.solarmrv.attestation.DeviceRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the registry file every {@code every} on a daemon thread of its own, and hands each
 * changed text, parsed, to {@code onChange}: keys registered, rotated or revoked reach a running job
 * without a restart. A file that cannot be read (missing, being rewritten) keeps the registry as it
 * was, with a warning; a bad line is left out as at start. Write the file by atomic rename.
 */
final class RegistryFileWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryFileWatch.class);

    private final Path file;
    private final Consumer<DeviceRegistry> onChange;
    private final ScheduledExecutorService timer;
    private String lastText;

    private RegistryFileWatch(Path file, String text, Consumer<DeviceRegistry> onChange) {
        this.file = file;
        this.lastText = text;
        this.onChange = onChange;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "registry-file-watch");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts watching {@code file}, whose text now is {@code text}. */
    static RegistryFileWatch start(Path file, String text, Duration every, Consumer<DeviceRegistry> onChange) {
        RegistryFileWatch watch = new RegistryFileWatch(file, text, onChange);
        watch.timer.scheduleWithFixedDelay(watch::check, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return watch;
    }

    private void check() {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            LOG.warn("registry {} could not be read ({}); the registry stays as it was", file, e.toString());
            return;
        }
        if (text.equals(lastText)) {
            return;
        }
        lastText = text;
        DeviceRegistry registry = DeviceRegistry.parse(text, reason -> LOG.warn("{} {}: left out; that device's readings are"
                + " rejected until its key is registered again", file, reason));
        onChange.accept(registry);
        LOG.info("registry {} changed: {} key bindings, {} meters now", file, registry.keys().size(), registry.meters().size());
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
