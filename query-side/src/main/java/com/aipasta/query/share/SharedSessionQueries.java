package com.aipasta.query.share;

import com.aipasta.chat.api.query.FindSharedSessionQuery;
import com.aipasta.chat.api.query.SharedSessionView;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.projections.share.SharedSessionDocument;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** A shared session, for anyone holding its link: no token needed, nothing of the owner but a chosen name. */
@RestController
public class SharedSessionQueries {

    private static final Pattern SHARE_ID = Pattern.compile("[A-Za-z0-9_-]{32}");

    private final MongoTemplate mongo;
    private final QueryGateway queries;

    public SharedSessionQueries(MongoTemplate mongo, QueryGateway queries) {
        this.mongo = mongo;
        this.queries = queries;
    }

    @GetMapping("/api/share/{shareId}")
    public Map<String, SharedSessionView> shared(@PathVariable String shareId) {
        if (!SHARE_ID.matcher(shareId).matches()) {
            throw notShared();
        }
        return Map.of("share", queries.query(new FindSharedSessionQuery(shareId),
                ResponseTypes.optionalInstanceOf(SharedSessionView.class)).join().orElseThrow(
                SharedSessionQueries::notShared));
    }

    @QueryHandler
    public Optional<SharedSessionView> handle(FindSharedSessionQuery query) {
        return Optional.ofNullable(mongo.findById(query.shareId(), SharedSessionDocument.class))
                .map(shared -> new SharedSessionView(shared.id(), shared.title(), shared.displayName(),
                        shared.sharedAt(), shared.messages()));
    }

    private static DomainException notShared() {
        return new DomainException(ErrorCode.NOT_FOUND, "No such shared conversation");
    }
}
