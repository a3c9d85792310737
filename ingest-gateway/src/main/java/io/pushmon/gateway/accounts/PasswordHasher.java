package io.pushmon.gateway.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format ({@code $argon2id$v=19$m=...,t=...,p=...$salt$hash}), so
 * each stored hash carries its own cost and a later, higher cost applies to new hashes without breaking old ones.
 *
 * <p>Each hash takes {@link #MEMORY_KIB} KiB; the number of hashes computed at once is bounded, so a burst of
 * sign-ins queues instead of taking the heap.
 */
public final class PasswordHasher {

    /** OWASP's Argon2id baseline (19 MiB, 2 passes, 1 lane): tens of milliseconds per hash on a server core. */
    static final int MEMORY_KIB = 19 * 1024;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final String PREFIX = "$argon2id$v=19$";
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private final SecureRandom random = new SecureRandom();
    private final Semaphore running;
    /** Checked against when no account has the address, so an unknown address takes as long as a wrong password. */
    private final String decoy;

    /** @param concurrent hashes computed at once */
    public PasswordHasher(int concurrent) {
        this.running = new Semaphore(concurrent, true);
        this.decoy = hash("decoy password, matches nothing");
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = argon2(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
        return PREFIX + "m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$"
                + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash);
    }

    /** True if {@code password} hashes to {@code encoded}; a null or unreadable hash matches nothing. */
    public boolean verify(String password, String encoded) {
        Stored stored = Stored.parse(encoded);
        if (stored == null) {
            return verifyNothing(password);
        }
        byte[] actual = argon2(password, stored.salt(), stored.memory(), stored.iterations(), stored.parallelism(),
                stored.hash().length);
        return MessageDigest.isEqual(stored.hash(), actual);
    }

    /** Spends the time of a check when there is no hash to check against; always false. */
    public boolean verifyNothing(String password) {
        verify(password, decoy);
        return false;
    }

    private byte[] argon2(String password, byte[] salt, int memory, int iterations, int parallelism, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt).withMemoryAsKB(memory)
                .withIterations(iterations).withParallelism(parallelism).build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        running.acquireUninterruptibly();
        try {
            generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        } finally {
            running.release();
        }
        return out;
    }

    /** A stored hash taken apart. */
    private record Stored(int memory, int iterations, int parallelism, byte[] salt, byte[] hash) {

        /** Null for anything not written by {@link PasswordHasher#hash}. */
        static Stored parse(String encoded) {
            if (encoded == null || !encoded.startsWith(PREFIX)) {
                return null;
            }
            String[] parts = encoded.substring(PREFIX.length()).split("\\$");
            String[] parameters = parts.length == 3 ? parts[0].split(",") : new String[0];
            if (parameters.length != 3 || !parameters[0].startsWith("m=") || !parameters[1].startsWith("t=")
                    || !parameters[2].startsWith("p=")) {
                return null;
            }
            try {
                return new Stored(Integer.parseInt(parameters[0].substring(2)),
                        Integer.parseInt(parameters[1].substring(2)), Integer.parseInt(parameters[2].substring(2)),
                        DECODER.decode(parts[1]), DECODER.decode(parts[2]));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
