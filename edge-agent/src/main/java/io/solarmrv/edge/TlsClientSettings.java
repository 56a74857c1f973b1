package io.solarmrv.edge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for an {@code ssl://} broker: which certificate authorities to trust (a PEM file; none given:
 * the Java runtime's own) and, for brokers that authenticate gateways by certificate, this
 * gateway's client certificate and key (a PKCS#12 keystore and a file holding its password).
 * Any file that cannot be read or used is named in the error.
 */
public record TlsClientSettings(Path caFile, Path clientKeystore, Path clientKeystorePasswordFile) {

    public TlsClientSettings {
        if ((clientKeystore == null) != (clientKeystorePasswordFile == null)) {
            throw new IllegalArgumentException("a client keystore and its password file go together");
        }
    }

    /** The socket factory Paho connects through. */
    public SSLSocketFactory socketFactory() throws IOException {
        try {
            TrustManagerFactory trust = null;
            if (caFile != null) {
                KeyStore authorities = KeyStore.getInstance(KeyStore.getDefaultType());
                authorities.load(null, null);
                Collection<? extends Certificate> certificates;
                try (InputStream in = Files.newInputStream(caFile)) {
                    certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
                }
                if (certificates.isEmpty()) {
                    throw new IOException(caFile + ": no PEM certificate in it (upstream.tls.ca-file)");
                }
                int i = 0;
                for (Certificate certificate : certificates) {
                    authorities.setCertificateEntry("ca-" + i++, certificate);
                }
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(authorities);
            }
            KeyManagerFactory keys = null;
            if (clientKeystore != null) {
                char[] password = Files.readString(clientKeystorePasswordFile, StandardCharsets.UTF_8).strip().toCharArray();
                KeyStore client = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(clientKeystore)) {
                    client.load(in, password);
                } catch (IOException e) {
                    throw new IOException(clientKeystore + ": cannot open the PKCS#12 keystore (wrong password?): " + e.getMessage(), e);
                }
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(client, password);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS settings unusable (" + (caFile == null ? "" : "CA " + caFile + " ")
                    + (clientKeystore == null ? "" : "keystore " + clientKeystore) + "): " + e.getMessage(), e);
        }
    }
}
