package com.aipasta.command.tool;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static com.aipasta.command.tool.ToolAssertions.refused;
import static org.assertj.core.api.Assertions.assertThat;

class HashTest {

    private final Hash hash = new Hash();

    @Test
    void digestsTheTextWithEveryAlgorithmByDefault() {
        Map<String, Object> digests = ToolAssertions.run(hash, Map.of("text", "abc"));

        assertThat(digests).containsExactly(
                Map.entry("md5", "900150983cd24fb0d6963f7d28e17f72"),
                Map.entry("sha1", "a9993e364706816aba3e25717850c26c9cd0d89d"),
                Map.entry("sha256", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
                Map.entry("sha512", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                        + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"));
    }

    @Test
    void digestsTheEmptyTextAndUtf8BytesOfAnyScript() {
        assertThat(ToolAssertions.run(hash, Map.of("text", "", "algorithm", "sha256")))
                .containsExactly(Map.entry("sha256",
                        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        assertThat(ToolAssertions.run(hash, Map.of("text", "é", "algorithm", "MD5")))
                .containsExactly(Map.entry("md5", "66ddcd97cfdeabb2f6fb8a999b4bc76f"));
        assertThat(ToolAssertions.run(hash, Map.of("text", "नमस्ते", "algorithm", "sha256")))
                .containsExactly(Map.entry("sha256",
                        "ddb08d77c2d511947652161b35987022711aa216387b041dd459a03eb66a8304"));
    }

    @Test
    void refusesAnUnknownAlgorithmAndATextBeyondTheLimit() {
        refused(() -> ToolAssertions.run(hash, Map.of("text", "abc", "algorithm", "crc32")), "algorithm",
                "must be one of");
        refused(() -> ToolAssertions.run(hash, Map.of("text", "a".repeat(Hash.MAX_LENGTH + 1))), "text",
                "at most 100000 characters");
        refused(() -> ToolAssertions.run(hash, Map.of()), "text", "is required");
        refused(() -> ToolAssertions.run(hash, Map.of("text", 12)), "text", "must be a string");
    }
}
