package com.aipasta.catalog.api.query;

public record FindModelPoliciesQuery() {
}
