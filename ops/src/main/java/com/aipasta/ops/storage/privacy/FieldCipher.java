package com.aipasta.ops.storage.privacy;

import com.aipasta.command.privacy.PersonalDataKeys;
import org.axonframework.serialization.SerializationException;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * AES-256-GCM over one text field, under its data subject's key. The subject's id is the associated data, so a
 * ciphertext copied into another user's event does not decrypt. The stored form is the base64 of the 12-byte nonce
 * followed by the ciphertext and its 16-byte tag.
 */
final class FieldCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Supplier<PersonalDataKeys> keys;
    private final SecureRandom random = new SecureRandom();
    /**
     * A cipher is not safe to share between threads, and looking one up searched the security providers for the
     * transformation at every field written or read (every event with personal data, at every turn); each thread
     * keeps its own, initialized afresh for each field.
     */
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    });

    FieldCipher(Supplier<PersonalDataKeys> keys) {
        this.keys = keys;
    }

    /** Empty when the subject's key is shredded: the text is then not to be kept at all. */
    Optional<String> encrypt(String subject, String text) {
        if (subject == null) {
            throw new SerializationException("Personal data without a data subject cannot be written");
        }
        Optional<SecretKey> key = keys.get().toEncrypt(subject);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, key.get(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(subject.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(text.getBytes(StandardCharsets.UTF_8));
            return Optional.of(Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce).put(sealed).array()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    /** Empty when the subject's key is shredded; a ciphertext that fails its tag is refused, never guessed at. */
    Optional<String> decrypt(String subject, String stored) {
        if (subject == null) {
            throw new SerializationException("An encrypted field without a data subject cannot be read");
        }
        Optional<SecretKey> key = keys.get().toDecrypt(subject);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(stored);
        } catch (IllegalArgumentException e) {
            throw corrupt(subject);
        }
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw corrupt(subject);
        }
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, key.get(), new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(subject.getBytes(StandardCharsets.UTF_8));
            return Optional.of(new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES),
                    StandardCharsets.UTF_8));
        } catch (AEADBadTagException e) {
            throw corrupt(subject);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    private static SerializationException corrupt(String subject) {
        return new SerializationException("A personal field of user " + subject
                + " does not decrypt under the user's key: the stored ciphertext was altered or belongs to another "
                + "user");
    }
}
