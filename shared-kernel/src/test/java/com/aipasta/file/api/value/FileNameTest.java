package com.aipasta.file.api.value;

import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"report.pdf", "Résumé 2026.txt", "写真.png", "a", "x'y\"z.txt"})
    void namesOfPrintableTextAreKept(String name) {
        assertThat(new FileName(name).value()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", ".", "..", "a/b.txt", "a\\b.txt", "tab\there.txt", "nul\u0000.txt",
            "line\nbreak.txt", "del\u007f.txt", "c1\u0085.txt", "invoice\u202Etxt.exe", "isolate\u2066.txt",
            "mark\u200F.txt", "broken\uD800.txt"})
    void namesWithControlCharactersOrPathsAreRefused(String name) {
        assertThatThrownBy(() -> new FileName(name)).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }

    @ParameterizedTest
    @ValueSource(ints = {255, 256})
    void namesAreAtMost255Characters(int length) {
        String name = "n".repeat(length);
        if (length <= FileName.MAX_LENGTH) {
            assertThat(new FileName(name).value()).hasSize(length);
        } else {
            assertThatThrownBy(() -> new FileName(name)).isInstanceOf(DomainException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"C:\\Users\\me\\notes.txt", "/home/me/notes.txt", "../../notes.txt", " notes.txt "})
    void aNameSentWithAPathKeepsOnlyItsLastPart(String sent) {
        assertThat(FileName.fromClient(sent).value()).isEqualTo("notes.txt");
    }
}
