package com.aipasta.command.chat.catalog;

public record CategoryCount(String category, long models) {
}
