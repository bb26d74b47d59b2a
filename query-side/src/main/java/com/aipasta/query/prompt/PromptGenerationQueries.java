package com.aipasta.query.prompt;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.PageRequest;
import com.aipasta.common.Pagination;
import com.aipasta.projections.prompt.PromptGenerationDocument;
import com.aipasta.prompt.api.query.FindPromptGenerationQuery;
import com.aipasta.prompt.api.query.FindPromptGenerationsQuery;
import com.aipasta.prompt.api.query.PromptGenerationPage;
import com.aipasta.prompt.api.query.PromptGenerationView;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Optional;

/** The caller's prompt generator history, newest first. */
@RestController
public class PromptGenerationQueries {

    private final MongoTemplate mongo;
    private final QueryGateway queries;

    public PromptGenerationQueries(MongoTemplate mongo, QueryGateway queries) {
        this.mongo = mongo;
        this.queries = queries;
    }

    @GetMapping("/api/prompt-generator/history")
    public PromptGenerationPage history(Authentication caller, @RequestParam(defaultValue = "1") int page,
                                        @RequestParam(defaultValue = "20") int limit) {
        return queries.query(new FindPromptGenerationsQuery(new UserId(caller.getName()),
                new PageRequest(page, limit)), PromptGenerationPage.class).join();
    }

    @QueryHandler
    public PromptGenerationPage handle(FindPromptGenerationsQuery query) {
        Query mine = Query.query(Criteria.where("ownerId").is(query.ownerId().value()));
        long total = mongo.count(mine, PromptGenerationDocument.class);
        PageRequest page = query.pageRequest();
        return new PromptGenerationPage(mongo.find(Query.of(mine)
                        .with(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("_id")))
                        .skip(page.offset()).limit(page.limit()), PromptGenerationDocument.class)
                .stream().map(PromptGenerationQueries::view).toList(),
                Pagination.of(page.page(), page.limit(), total));
    }

    @QueryHandler
    public Optional<PromptGenerationView> handle(FindPromptGenerationQuery query) {
        return Optional.ofNullable(mongo.findById(query.generationId().value(), PromptGenerationDocument.class))
                .filter(generation -> generation.ownerId().equals(query.ownerId().value()))
                .map(PromptGenerationQueries::view);
    }

    private static PromptGenerationView view(PromptGenerationDocument generation) {
        return new PromptGenerationView(generation.id(), generation.input(), generation.prompt(),
                generation.category(), generation.improvements(), generation.modelId(), generation.provider(),
                generation.status(), generation.errorCode(), generation.usage(), generation.rating(),
                generation.templateIds(), generation.createdAt(), generation.lastSequence());
    }
}
