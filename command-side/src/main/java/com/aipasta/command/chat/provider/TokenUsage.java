package com.aipasta.command.chat.provider;

public record TokenUsage(long promptTokens, long completionTokens, long totalTokens) {
}
