package com.aipasta.query.catalog;

import com.aipasta.catalog.api.query.FindModelPoliciesQuery;
import com.aipasta.catalog.api.query.ModelPolicyList;
import com.aipasta.catalog.api.query.ModelPolicyView;
import com.aipasta.projections.catalog.ModelPolicyDocument;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

@Component
public class ModelPolicyQueries {

    private final MongoTemplate mongo;

    public ModelPolicyQueries(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @QueryHandler
    public ModelPolicyList handle(FindModelPoliciesQuery query) {
        return new ModelPolicyList(mongo.findAll(ModelPolicyDocument.class).stream()
                .map(policy -> new ModelPolicyView(policy.id(), policy.enabled(), policy.requiredPlan(),
                        policy.changedBy(), policy.changedAt()))
                .toList());
    }
}
