package io.solarmrv.edge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.solarmrv.attestation.GatewayKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayKeyFileTest {
    @TempDir
    Path dir;

    @Test
    void aNewKeyIsCreatedOwnerOnlyInOwnerOnlyDirectories() throws Exception {
        Path file = dir.resolve("var/lib/solar-mrv/gateway-key.p8");
        GatewayKey created = GatewayKeyFile.loadOrCreate(file, new SecureRandom());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        assertArrayEquals(created.toPkcs8(), Files.readAllBytes(file));
        assertFalse(Files.exists(dir.resolve("var/lib/solar-mrv/gateway-key.p8.partial")), "no temporary file is left");
    }

    @Test
    void anExistingKeyIsLoadedNotReplaced() throws Exception {
        Path file = dir.resolve("gateway-key.p8");
        GatewayKey first = GatewayKeyFile.loadOrCreate(file, new SecureRandom());
        GatewayKey again = GatewayKeyFile.loadOrCreate(file, new SecureRandom());
        assertEquals(first.publicKeyHex(), again.publicKeyHex());
    }

    @Test
    void aKeyOthersMayReadIsRefused() throws Exception {
        Path file = dir.resolve("gateway-key.p8");
        GatewayKeyFile.loadOrCreate(file, new SecureRandom());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        IOException e = assertThrows(IOException.class, () -> GatewayKeyFile.load(file));
        assertTrue(e.getMessage().contains(file + " may be read by others (rw-r--r--)") && e.getMessage().contains("chmod 600"),
                e.getMessage());
    }

    @Test
    void aHalfWrittenKeyLeftByACrashDoesNotStopCreation() throws Exception {
        Path file = dir.resolve("gateway-key.p8");
        Files.write(dir.resolve("gateway-key.p8.partial"), new byte[] {0x30, 0x2e, 0x02});
        GatewayKey created = GatewayKeyFile.loadOrCreate(file, new SecureRandom());
        assertEquals(created.publicKeyHex(), GatewayKeyFile.load(file).publicKeyHex());
    }

    @Test
    void loadingAMissingKeyNamesNoSuchFile() {
        assertThrows(NoSuchFileException.class, () -> GatewayKeyFile.load(dir.resolve("absent.p8")));
    }

    @Test
    void aFileThatIsNotAKeyIsRefusedByName() throws Exception {
        Path file = Files.createFile(dir.resolve("gateway-key.p8"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, "not a key");
        IOException e = assertThrows(IOException.class, () -> GatewayKeyFile.load(file));
        assertTrue(e.getMessage().startsWith("gateway key " + file + " is unreadable"), e.getMessage());
    }
}
