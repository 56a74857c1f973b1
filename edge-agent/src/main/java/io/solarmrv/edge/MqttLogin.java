package io.solarmrv.edge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How a gateway signs in to its MQTT broker by name and password ({@code upstream.username},
 * {@code upstream.password-file}), so the broker's ACL can let it publish its own devices' topics
 * only. The password lives in a file (owner-only), never in the configuration or on the command line.
 */
public record MqttLogin(String username, Path passwordFile) {
    /** The password: the file's first line. An {@link IOException} names the file. */
    public byte[] password() throws IOException {
        String text = Files.readString(passwordFile, StandardCharsets.UTF_8);
        String line = text.lines().findFirst().orElse("");
        if (line.isEmpty()) {
            throw new IOException("MQTT password file " + passwordFile + " is empty");
        }
        return line.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "MqttLogin[" + username + ", password in " + passwordFile + "]";
    }
}
