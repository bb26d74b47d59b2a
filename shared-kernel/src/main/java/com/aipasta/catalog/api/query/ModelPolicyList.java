package com.aipasta.catalog.api.query;

import java.util.List;

public record ModelPolicyList(List<ModelPolicyView> policies) {
}
