package com.aipasta.command.chat.catalog;

import com.aipasta.catalog.api.query.ModelPolicyView;

import java.util.Map;

/** Administrators' policies by catalogue model id, as they stand now. */
@FunctionalInterface
public interface ModelPolicies {

    ModelPolicies NONE = Map::of;

    Map<String, ModelPolicyView> byModel();
}
