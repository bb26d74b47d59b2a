package com.aipasta.template.api.query;

import java.time.Instant;
import java.util.List;

/** A template as listed; {@code uses} counts every use, its owner's included. */
public record TemplateView(String id, String name, String description, String persona, String context,
                           String instruction, String format, String tone, String inputData,
                           List<String> thinkingPoints, List<String> warnings, boolean askMe, boolean isPublic,
                           List<String> tags, boolean hidden, long uses, Instant createdAt, Instant updatedAt,
                           long version) {
}
