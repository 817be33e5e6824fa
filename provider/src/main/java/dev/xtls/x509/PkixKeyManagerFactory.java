package dev.xtls.x509;

import java.security.InvalidAlgorithmParameterException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.UnrecoverableEntryException;
import java.security.UnrecoverableKeyException;
import java.security.GeneralSecurityException;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactorySpi;
import javax.net.ssl.KeyStoreBuilderParameters;
import javax.net.ssl.ManagerFactoryParameters;

/**
 * KeyManagerFactory "PKIX" (aliases "NewSunX509", "X509", "X.509"): one {@link PkixKeyManager} over a key store
 * and its password, or over the key stores of a {@link KeyStoreBuilderParameters}, as SunJSSE's NewSunX509 takes.
 * Every private key is read and decrypted here, once.
 */
public final class PkixKeyManagerFactory extends KeyManagerFactorySpi {
    private PkixKeyManager manager;

    /** A key manager over {@code store}'s key entries, all protected by {@code password}; null store: no keys. */
    public static PkixKeyManager keyManager(KeyStore store, char[] password)
            throws KeyStoreException, NoSuchAlgorithmException, UnrecoverableKeyException {
        if (store == null) {
            return new PkixKeyManager(KeyStoreEntries.empty(), System::currentTimeMillis);
        }
        KeyStore.Builder builder = KeyStore.Builder.newInstance(store,
                new KeyStore.PasswordProtection(password == null ? new char[0] : password));
        try {
            return new PkixKeyManager(KeyStoreEntries.load(List.of(builder)), System::currentTimeMillis);
        } catch (UnrecoverableEntryException e) {
            UnrecoverableKeyException wrongPassword = new UnrecoverableKeyException("cannot decrypt a private key"
                    + " entry with the password given (every key entry must use that password): " + e.getMessage());
            wrongPassword.initCause(e);
            throw wrongPassword;
        } catch (KeyStoreException | NoSuchAlgorithmException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new KeyStoreException("cannot read the key entries: " + e.getMessage(), e);
        }
    }

    @Override
    protected void engineInit(KeyStore ks, char[] password)
            throws KeyStoreException, NoSuchAlgorithmException, UnrecoverableKeyException {
        manager = keyManager(ks, password);
    }

    @Override
    protected void engineInit(ManagerFactoryParameters spec) throws InvalidAlgorithmParameterException {
        if (!(spec instanceof KeyStoreBuilderParameters builders)) {
            throw new InvalidAlgorithmParameterException("KeyManagerFactory PKIX takes KeyStoreBuilderParameters, not "
                    + (spec == null ? "null" : spec.getClass().getName()));
        }
        try {
            manager = new PkixKeyManager(KeyStoreEntries.load(builders.getParameters()), System::currentTimeMillis);
        } catch (GeneralSecurityException e) {
            throw new InvalidAlgorithmParameterException("cannot read the key entries: " + e.getMessage(), e);
        }
    }

    @Override
    protected KeyManager[] engineGetKeyManagers() {
        if (manager == null) {
            throw new IllegalStateException("KeyManagerFactory is not initialized");
        }
        return new KeyManager[] {manager};
    }
}
