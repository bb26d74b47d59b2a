package com.aipasta.command.chat.catalog;

import com.aipasta.catalog.api.query.ModelPolicyView;

/** A catalogue model as administrators see it: enabled or not, and the policy that decided it, if any. */
public record ManagedModel(CatalogModel model, boolean enabled, ModelPolicyView policy) {
}
