package com.aipasta.query.payment;

import com.aipasta.payment.api.query.FindPlansQuery;
import com.aipasta.payment.api.query.PlanList;
import com.aipasta.payment.api.query.PlanView;
import com.aipasta.projections.payment.PlanDocument;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The plans for sale, public: {@code GET /api/plans}. */
@RestController
public class PlanQueries {

    private final MongoTemplate mongo;
    private final QueryGateway queries;

    public PlanQueries(MongoTemplate mongo, QueryGateway queries) {
        this.mongo = mongo;
        this.queries = queries;
    }

    @GetMapping("/api/plans")
    public PlanList activePlans() {
        return queries.query(new FindPlansQuery(true), ResponseTypes.instanceOf(PlanList.class)).join();
    }

    @QueryHandler
    public PlanList handle(FindPlansQuery query) {
        Query plans = query.activeOnly() ? Query.query(Criteria.where("active").is(true)) : new Query();
        return new PlanList(mongo.find(plans.with(Sort.by("amount", "_id")), PlanDocument.class).stream()
                .map(plan -> new PlanView(plan.id(), plan.name(), plan.description(), plan.tokens(), plan.amount(),
                        plan.currency(), plan.planUpgrade(), plan.validityDays(), plan.active()))
                .toList());
    }
}
