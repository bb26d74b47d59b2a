package com.aipasta.command.chat.turn;

import com.aipasta.chat.api.value.PromptCategory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CategoryDetectorTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Fix this bug in my Python script                          | coding
            Why does my Java code throw a NullPointerException?       | coding
            ```select * from users```                                 | coding
            What is wrong with: if (x) { return 1 }                   | coding
            const add = (a, b) => a + b                               | coding
            How do I write a C++ template?                            | coding
            Explain this SQL query                                    | coding
            Write a function that sums a list                         | coding
            What is 12 * 7?                                           | math
            Solve the equation x^2 = 9                                | math
            Calculate the integral of sin x                           | math
            What is 10 - 4 and why?                                   | math
            Prove the Pythagorean theorem                             | math
            Write a poem about the sea                                | writing
            Draft an email to my landlord                             | writing
            Tell me a long story [slow]                               | writing
            Translate this into French                                | writing
            Write a summary of recent studies on sleep                | writing
            Summarize the research on intermittent fasting            | research
            Compare the French and American revolutions               | research
            What are the pros and cons of nuclear power?              | research
            How does photosynthesis work?                             | research
            Explain the history of Rome                               | research
            Hi there                                                  | general
            Hello! How are you today?                                 | general
            Question 3 from user-1f3a-99@example.com                  | general
            Quota 7                                                   | general
            Hi [500]                                                  | general
            The release date is 2024-01-05                            | general
            """)
    void theFirstMatchingRuleWins(String message, String category) {
        assertThat(CategoryDetector.detect(message)).hasToString(category);
    }

    @ParameterizedTest
    @ValueSource(strings = {"WRITE A POEM", "write a poem", "Write A Poem"})
    void wordsMatchInAnyCase(String message) {
        assertThat(CategoryDetector.detect(message)).isEqualTo(PromptCategory.WRITING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"decoder ring", "codex", "proofreading is fun", "algebraic"})
    void wordsMatchOnlyWhole(String message) {
        assertThat(CategoryDetector.detect(message)).isEqualTo(PromptCategory.GENERAL);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void nothingIsGeneral(String message) {
        assertThat(CategoryDetector.detect(message)).isEqualTo(PromptCategory.GENERAL);
    }
}
