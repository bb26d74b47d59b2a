package com.aipasta.command.chat.turn;

import com.aipasta.chat.api.value.PromptCategory;

/** The model answering a turn, the category of the message it answers, and whether auto mode picked the model. */
public record ModelChoice(String modelId, String provider, PromptCategory category, boolean autoSelected) {
}
