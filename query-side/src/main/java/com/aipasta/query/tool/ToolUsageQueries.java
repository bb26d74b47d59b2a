package com.aipasta.query.tool;

import com.aipasta.account.api.value.UserId;
import com.aipasta.projections.tool.ToolUsageDocument;
import com.aipasta.tool.api.query.FindToolUsageQuery;
import com.aipasta.tool.api.query.ToolUsageStats;
import com.aipasta.tool.api.query.ToolUsageTotal;
import com.aipasta.tool.api.query.ToolUsageView;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;

/** How often each tool was used: by the caller, and by everyone. */
@RestController
public class ToolUsageQueries {

    private final MongoTemplate mongo;
    private final QueryGateway queries;

    public ToolUsageQueries(MongoTemplate mongo, QueryGateway queries) {
        this.mongo = mongo;
        this.queries = queries;
    }

    @GetMapping("/api/tools/usage-stats")
    public ToolUsageStats usageStats(Authentication caller) {
        return queries.query(new FindToolUsageQuery(new UserId(caller.getName())), ToolUsageStats.class).join();
    }

    /** The caller's documents by the user index; everyone's summed per tool, one document per user and tool. */
    @QueryHandler
    public ToolUsageStats handle(FindToolUsageQuery query) {
        List<ToolUsageView> yours = mongo.find(Query.query(Criteria.where("userId").is(query.userId().value()))
                        .with(Sort.by("toolName")), ToolUsageDocument.class).stream()
                .map(usage -> new ToolUsageView(usage.toolName(), usage.uses(),
                        usage.usesByChannel() == null ? Map.of() : usage.usesByChannel(),
                        averageMillis(usage.totalDurationMicros(), usage.uses()), usage.lastUsedAt()))
                .toList();
        List<ToolUsageTotal> everyone = mongo.aggregate(Aggregation.newAggregation(
                        Aggregation.group("toolName").sum("uses").as("uses").count().as("users")
                                .sum("totalDurationMicros").as("totalDurationMicros").max("lastUsedAt")
                                .as("lastUsedAt")), ToolUsageDocument.COLLECTION, Document.class)
                .getMappedResults().stream()
                .map(total -> {
                    long uses = ((Number) total.get("uses")).longValue();
                    Date last = total.getDate("lastUsedAt");
                    return new ToolUsageTotal(total.getString("_id"), uses, ((Number) total.get("users")).longValue(),
                            averageMillis(((Number) total.get("totalDurationMicros")).longValue(), uses),
                            last == null ? null : last.toInstant());
                })
                .sorted(Comparator.comparing(ToolUsageTotal::uses).reversed()
                        .thenComparing(ToolUsageTotal::toolName))
                .toList();
        return new ToolUsageStats(yours, everyone, everyone.stream().mapToLong(ToolUsageTotal::uses).sum());
    }

    private static double averageMillis(long totalMicros, long uses) {
        return uses == 0 ? 0 : Math.round(totalMicros / (double) uses) / 1000.0;
    }
}
