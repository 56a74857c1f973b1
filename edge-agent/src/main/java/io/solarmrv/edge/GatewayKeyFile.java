package io.solarmrv.edge;

import io.solarmrv.attestation.GatewayKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's signing key on disk: its PKCS#8 DER encoding (RFC 8410), in a file only its owner
 * may read.
 *
 * <p>A new key is written owner-only from the moment its file exists (created with mode 600, never
 * chmod-ed afterwards), fsynced under a temporary name and then hard-linked to its own name, which
 * fails rather than replaces: a crash leaves either no key or the whole key, and a key already there
 * is never overwritten. A key file that its group or others may read is refused, as ssh refuses one.
 */
public final class GatewayKeyFile {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayKeyFile.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIRECTORY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private GatewayKeyFile() {
    }

    /** Whether a secret's file may be read or written by anyone but its owner (always false where files have no POSIX modes). */
    static boolean othersMayRead(Path file) throws IOException {
        return isPosix(file) && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file));
    }

    /**
     * Reads the key in {@code file}.
     *
     * @throws java.nio.file.NoSuchFileException when there is no such file
     * @throws IOException when the file cannot be read, others may read it, or it is not an Ed25519 PKCS#8 key
     */
    public static GatewayKey load(Path file) throws IOException {
        byte[] der = Files.readAllBytes(file);
        if (othersMayRead(file)) {
            throw new IOException("gateway key " + file + " may be read by others (" + PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(file)) + "): a key others could copy can sign readings in this gateway's name;"
                    + " chmod 600 it, or replace it and register the new key if it may have been copied");
        }
        try {
            return GatewayKey.fromPkcs8(der);
        } catch (IllegalArgumentException e) {
            throw new IOException("gateway key " + file + " is unreadable: " + e.getMessage(), e);
        }
    }

    /**
     * The key in {@code file}, or a new one created there (and its directories, owner-only) when
     * there is none.
     */
    public static GatewayKey loadOrCreate(Path file, SecureRandom random) throws IOException {
        if (Files.exists(file)) {
            return load(file);
        }
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory, OWNER_ONLY_DIRECTORY);
        GatewayKey key = GatewayKey.generate(random);
        Path partial = directory.resolve(file.getFileName() + ".partial");
        Files.deleteIfExists(partial); // a key a crash left half-written was never used
        try (FileChannel channel = FileChannel.open(partial, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(OWNER_ONLY))) {
            channel.write(ByteBuffer.wrap(key.toPkcs8()));
            channel.force(true);
        }
        try {
            Files.createLink(file, partial);
        } catch (FileAlreadyExistsException raced) {
            Files.delete(partial);
            return load(file); // another start created it first: use that one
        }
        Files.delete(partial);
        try (FileChannel directoryChannel = FileChannel.open(directory, StandardOpenOption.READ)) {
            directoryChannel.force(true);
        }
        LOG.info("created a new gateway key in {} (public key {}); register its devices with --print-registration", file,
                key.publicKeyHex());
        return key;
    }

    private static boolean isPosix(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
