package com.aipasta.query.apikey;

import com.aipasta.account.api.value.UserId;
import com.aipasta.apikey.api.query.ApiKeyList;
import com.aipasta.apikey.api.query.ApiKeyView;
import com.aipasta.apikey.api.query.FindApiKeyQuery;
import com.aipasta.apikey.api.query.FindApiKeysQuery;
import com.aipasta.projections.apikey.ApiKeyDocument;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Optional;

/** The caller's API keys that still work or may still be revoked: never a key or its hash. */
@RestController
public class ApiKeyQueries {

    private final MongoTemplate mongo;
    private final QueryGateway queries;

    public ApiKeyQueries(MongoTemplate mongo, QueryGateway queries) {
        this.mongo = mongo;
        this.queries = queries;
    }

    @GetMapping("/api/user/api-keys")
    public ApiKeyList list(Authentication caller) {
        return queries.query(new FindApiKeysQuery(new UserId(caller.getName())), ApiKeyList.class).join();
    }

    @QueryHandler
    public ApiKeyList handle(FindApiKeysQuery query) {
        return new ApiKeyList(mongo.find(Query.query(Criteria.where("ownerId").is(query.ownerId().value())
                        .and("revoked").is(false)).with(Sort.by(Sort.Direction.DESC, "createdAt")),
                ApiKeyDocument.class).stream().map(ApiKeyQueries::view).toList());
    }

    @QueryHandler
    public Optional<ApiKeyView> handle(FindApiKeyQuery query) {
        return Optional.ofNullable(mongo.findById(query.keyId().value(), ApiKeyDocument.class))
                .filter(key -> key.ownerId().equals(query.ownerId().value()) && !key.revoked())
                .map(ApiKeyQueries::view);
    }

    private static ApiKeyView view(ApiKeyDocument key) {
        return new ApiKeyView(key.id(), key.name(), key.prefix(), key.scopes(), key.createdAt(), key.expiresAt(),
                key.lastUsedAt(), key.lastSequence());
    }
}
