package dev.xtls.crypto.jca;

import dev.xtls.crypto.KeyShare;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.TlsException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.KeyAgreement;
import javax.crypto.interfaces.DHPublicKey;
import javax.crypto.spec.DHParameterSpec;
import javax.crypto.spec.DHPublicKeySpec;

/** Ephemeral finite-field Diffie-Hellman in an RFC 7919 group through the JDK's DH. */
final class FfdheKeyShare implements KeyShare {
    private final NamedGroup group;
    private final DHParameterSpec params;
    private final int primeBytes;
    private final byte[] publicValue;
    private PrivateKey privateKey;

    FfdheKeyShare(NamedGroup group, DHParameterSpec params, SecureRandom random) {
        this.group = group;
        this.params = params;
        this.primeBytes = (params.getP().bitLength() + 7) / 8;
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("DH");
            generator.initialize(params, random);
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate a " + name() + " key pair", e);
        }
        this.privateKey = pair.getPrivate();
        BigInteger y = ((DHPublicKey) pair.getPublic()).getY();
        this.publicValue = toFixedLength(y, primeBytes);
    }

    private String name() {
        return group != null ? group.name() : "DH-" + params.getP().bitLength();
    }

    /** The RFC 7919 group, or null for explicit parameters chosen by a server. */
    @Override
    public NamedGroup group() {
        return group;
    }

    /** Y left-padded to the length of p (RFC 7919 §5.1 and RFC 8446 §4.2.8.1). */
    @Override
    public byte[] publicValue() {
        return publicValue.clone();
    }

    @Override
    public byte[] agree(byte[] peerPublicValue) {
        if (privateKey == null) {
            throw new IllegalStateException(name() + " key share was destroyed");
        }
        if (peerPublicValue.length == 0 || peerPublicValue.length > primeBytes) {
            throw illegal("is " + peerPublicValue.length + " bytes, expected 1 to " + primeBytes);
        }
        BigInteger y = new BigInteger(1, peerPublicValue);
        BigInteger p = params.getP();
        // RFC 7919 §5.1: 1 < Y < p-1 keeps the peer out of the two-element subgroup.
        if (y.compareTo(BigInteger.ONE) <= 0 || y.compareTo(p.subtract(BigInteger.ONE)) >= 0) {
            throw illegal("is outside 1 < Y < p-1");
        }
        byte[] secret;
        try {
            PublicKey peer = KeyFactory.getInstance("DH").generatePublic(new DHPublicKeySpec(y, p, params.getG()));
            KeyAgreement agreement = KeyAgreement.getInstance("DH");
            agreement.init(privateKey);
            agreement.doPhase(peer, true);
            secret = agreement.generateSecret();
        } catch (GeneralSecurityException e) {
            throw illegal("was refused by the JDK: " + e.getMessage());
        }
        return stripLeadingZeros(secret);
    }

    @Override
    public void destroy() {
        // JDK DH private keys do not implement destroy(); dropping the reference is the best the API allows.
        privateKey = null;
    }

    /** RFC 5246 §8.1.2: leading zero bytes of Z are stripped before it is used as the premaster secret. */
    static byte[] stripLeadingZeros(byte[] z) {
        int i = 0;
        while (i < z.length - 1 && z[i] == 0) {
            i++;
        }
        if (i == 0) {
            return z;
        }
        byte[] stripped = Arrays.copyOfRange(z, i, z.length);
        Arrays.fill(z, (byte) 0);
        return stripped;
    }

    static byte[] toFixedLength(BigInteger v, int length) {
        byte[] raw = v.toByteArray();
        if (raw.length == length) {
            return raw;
        }
        byte[] out = new byte[length];
        int skip = raw.length > length ? raw.length - length : 0;
        System.arraycopy(raw, skip, out, length - (raw.length - skip), raw.length - skip);
        return out;
    }

    private TlsException illegal(String what) {
        return new TlsException(AlertDescription.ILLEGAL_PARAMETER, "peer's " + name() + " public value " + what);
    }
}
