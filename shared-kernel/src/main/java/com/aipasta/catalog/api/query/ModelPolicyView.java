package com.aipasta.catalog.api.query;

import java.time.Instant;

public record ModelPolicyView(String modelId, boolean enabled, String requiredPlan, String changedBy,
                              Instant changedAt) {
}
