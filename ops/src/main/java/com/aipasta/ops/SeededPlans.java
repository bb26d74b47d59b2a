package com.aipasta.ops;

import com.aipasta.command.payment.PlanProperties;
import com.aipasta.command.payment.PlanSeeder;
import com.aipasta.projections.payment.PlanDocument;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Whether the plans seeded from configuration can be read yet: the seeder runs once the server listens, and the plans
 * projection follows, so until then an order of a seeded plan would find no such plan.
 */
@Component
public class SeededPlans {

    private final MongoTemplate mongo;
    private final List<String> planIds;
    private volatile boolean readable;

    @Autowired
    public SeededPlans(MongoTemplate mongo, PlanProperties plans) {
        this(mongo, plans.seeds().stream().map(PlanSeeder::planIdOf).toList());
    }

    SeededPlans(MongoTemplate mongo, List<String> planIds) {
        this.mongo = mongo;
        this.planIds = List.copyOf(planIds);
    }

    /** Once true, stays true: a replay of the plans clears them for a while, but they were served before. */
    public boolean readable() {
        if (!readable) {
            readable = mongo.count(Query.query(Criteria.where("_id").in(planIds)), PlanDocument.class)
                    == planIds.size();
        }
        return readable;
    }
}
