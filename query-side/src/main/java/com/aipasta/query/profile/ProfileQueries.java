package com.aipasta.query.profile;

import com.aipasta.account.api.query.FindProfileQuery;
import com.aipasta.account.api.query.ProfileView;
import com.aipasta.account.api.value.Role;
import com.aipasta.account.api.value.UserId;
import com.aipasta.chat.api.query.AnswerHistory;
import com.aipasta.chat.api.query.FindAnswerHistoryQuery;
import com.aipasta.chat.api.query.FindUserStatsQuery;
import com.aipasta.chat.api.query.UserStats;
import com.aipasta.chat.api.value.Cost;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.common.PageRequest;
import com.aipasta.common.Pagination;
import com.aipasta.projections.account.ProfileDocument;
import com.aipasta.projections.account.UserDocument;
import com.aipasta.projections.chat.ChatMessageDocument;
import com.aipasta.projections.chat.UsageTallyDocument;
import com.aipasta.query.InstantRange;
import com.aipasta.query.chat.ChatQueryHandlers;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The caller's own profile, favorites, usage and answer history. */
@RestController
@Validated
public class ProfileQueries {

    private static final String ASSISTANT = "assistant";
    private static final String PREMIUM_PLAN = "premium";

    private final MongoTemplate mongo;
    private final QueryGateway queries;

    public ProfileQueries(MongoTemplate mongo, QueryGateway queries) {
        this.mongo = mongo;
        this.queries = queries;
    }

    @GetMapping("/api/user/profile")
    public Map<String, ProfileView> profile(Authentication caller) {
        return Map.of("profile", requireProfile(caller));
    }

    @GetMapping("/api/user/favorites")
    public Map<String, List<String>> favorites(Authentication caller) {
        return Map.of("favoriteModels", requireProfile(caller).favoriteModels());
    }

    @GetMapping("/api/user/stats")
    public UserStats stats(Authentication caller) {
        return queries.query(new FindUserStatsQuery(new UserId(caller.getName())), UserStats.class).join();
    }

    @GetMapping("/api/user/history")
    public AnswerHistory history(Authentication caller,
                                 @RequestParam(required = false) @Size(max = 300) String modelId,
                                 @RequestParam(required = false)
                                 @Pattern(regexp = "generating|complete|partial|failed",
                                         message = "must be generating, complete, partial or failed") String status,
                                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                                 Instant from,
                                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                                 Instant to,
                                 @RequestParam(defaultValue = "1") int page,
                                 @RequestParam(defaultValue = "20") int limit) {
        if (from != null && to != null && from.isAfter(to)) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "from must not be after to",
                    Map.of("from", "must not be after to"));
        }
        return queries.query(new FindAnswerHistoryQuery(new UserId(caller.getName()), modelId, status, from, to,
                new PageRequest(page, limit)), AnswerHistory.class).join();
    }

    @QueryHandler
    public Optional<ProfileView> handle(FindProfileQuery query) {
        String id = query.userId().value();
        ProfileDocument profile = mongo.findById(id, ProfileDocument.class);
        UserDocument user = mongo.findById(id, UserDocument.class);
        if (profile == null || user == null || user.deleted()) {
            return Optional.empty();
        }
        String plan = user.role() == Role.USER || user.role() == Role.GUEST ? user.plan() : PREMIUM_PLAN;
        return Optional.of(new ProfileView(id, profile.email(), profile.name(), profile.bio(), profile.avatarUrl(),
                user.role(), plan, profile.preferences(),
                profile.favoriteModels() == null ? List.of() : profile.favoriteModels(), user.createdAt(),
                profile.lastSequence()));
    }

    /** Added up by the chat read model as it goes ({@link UsageTallyDocument}): deleted messages count too. */
    @QueryHandler
    public UserStats handle(FindUserStatsQuery query) {
        List<UsageTallyDocument> tallies = mongo.find(Query.query(Criteria.where("ownerId")
                .is(query.ownerId().value())), UsageTallyDocument.class);
        UsageTallyDocument total = tallies.stream().filter(tally -> tally.kind().equals(UsageTallyDocument.TOTAL))
                .findFirst().orElse(null);
        if (total == null) {
            return new UserStats(0, 0, 0, 0, Cost.ZERO, List.of(), List.of());
        }
        Comparator<UsageTallyDocument> byKey = Comparator.comparing(UsageTallyDocument::key);
        return new UserStats(total.messages(), total.answers(), total.failedAnswers(), total.tokens(), cost(total),
                tallies.stream().filter(tally -> tally.kind().equals(UsageTallyDocument.MODEL)).sorted(byKey)
                        .map(tally -> new UserStats.ModelUsage(tally.key(), tally.answers(), tally.failedAnswers(),
                                tally.tokens(), cost(tally))).toList(),
                tallies.stream().filter(tally -> tally.kind().equals(UsageTallyDocument.DAY)).sorted(byKey)
                        .map(tally -> new UserStats.DayUsage(LocalDate.parse(tally.key()), tally.messages(),
                                tally.answers(), tally.tokens(), cost(tally))).toList());
    }

    @QueryHandler
    public AnswerHistory handle(FindAnswerHistoryQuery query) {
        Criteria criteria = Criteria.where("ownerId").is(query.ownerId().value()).and("role").is(ASSISTANT)
                .and("deleted").is(false);
        if (query.modelId() != null) {
            criteria.and("modelId").is(query.modelId());
        }
        if (query.status() != null) {
            criteria.and("status").is(query.status());
        }
        InstantRange.restrict(criteria, "createdAt", query.from(), query.to());
        long total = mongo.count(Query.query(criteria), ChatMessageDocument.class);
        PageRequest page = query.pageRequest();
        List<ChatMessageDocument> found = mongo.find(Query.query(criteria)
                .with(Sort.by(Sort.Direction.DESC, "createdAt").and(Sort.by("_id")))
                .skip(page.offset()).limit(page.limit()), ChatMessageDocument.class);
        return new AnswerHistory(found.stream().map(ChatQueryHandlers::view).toList(),
                Pagination.of(page.page(), page.limit(), total));
    }

    private ProfileView requireProfile(Authentication caller) {
        return queries.query(new FindProfileQuery(new UserId(caller.getName())),
                        ResponseTypes.optionalInstanceOf(ProfileView.class)).join()
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No such user"));
    }

    private static Cost cost(UsageTallyDocument tally) {
        return new Cost(tally.usd(), tally.inr());
    }
}
