package com.aipasta.command.tool;

import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Digests of a text's UTF-8 bytes in hexadecimal: MD5, SHA-1, SHA-256 and SHA-512, or the one asked for. */
@Component
public class Hash implements Tool {

    static final int MAX_LENGTH = 100_000;
    private static final Map<String, String> ALGORITHMS = algorithms();

    private static final ToolSchema PARAMETERS = ToolSchema.builder()
            .text("text", "the text to hash (its UTF-8 bytes)", MAX_LENGTH, true)
            .choice("algorithm", "one algorithm; all four when left out", List.copyOf(ALGORITHMS.keySet()), false)
            .build();

    @Override
    public String name() {
        return "hash";
    }

    @Override
    public String description() {
        return "MD5, SHA-1, SHA-256 and SHA-512 digests of a text, in hexadecimal.";
    }

    @Override
    public ToolSchema parameters() {
        return PARAMETERS;
    }

    @Override
    public Map<String, Object> run(ToolInput input) {
        byte[] bytes = input.text("text", MAX_LENGTH).getBytes(StandardCharsets.UTF_8);
        List<String> chosen = input.optionalChoice("algorithm", List.copyOf(ALGORITHMS.keySet()))
                .map(List::of).orElse(List.copyOf(ALGORITHMS.keySet()));
        Map<String, Object> digests = new LinkedHashMap<>();
        for (String algorithm : chosen) {
            digests.put(algorithm, HexFormat.of().formatHex(digest(ALGORITHMS.get(algorithm), bytes)));
        }
        return digests;
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has " + algorithm, e);
        }
    }

    private static Map<String, String> algorithms() {
        Map<String, String> algorithms = new LinkedHashMap<>();
        algorithms.put("md5", "MD5");
        algorithms.put("sha1", "SHA-1");
        algorithms.put("sha256", "SHA-256");
        algorithms.put("sha512", "SHA-512");
        return algorithms;
    }
}
