package com.aipasta.chat.api.value;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a user message asks for, as the leaderboard ranks models by it; older answers without one are general. */
public enum PromptCategory {
    CODING, WRITING, RESEARCH, MATH, GENERAL;

    /** The lower-case name used on the wire and in paths. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PromptCategory> parse(String text) {
        return Arrays.stream(values()).filter(category -> category.toString().equalsIgnoreCase(text.strip()))
                .findFirst();
    }

    public static PromptCategory orGeneral(PromptCategory category) {
        return category == null ? GENERAL : category;
    }
}
