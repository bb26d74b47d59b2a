package com.aipasta.query.account;

import com.aipasta.account.api.query.AdminUserView;
import com.aipasta.account.api.query.Credentials;
import com.aipasta.account.api.query.FindAdminUserQuery;
import com.aipasta.account.api.query.ExpiredSubscriptions;
import com.aipasta.account.api.query.FindExpiredSubscriptionsQuery;
import com.aipasta.account.api.query.FindCredentialsQuery;
import com.aipasta.account.api.query.FindUserQuery;
import com.aipasta.account.api.query.FindUsersQuery;
import com.aipasta.account.api.query.UserPage;
import com.aipasta.account.api.query.UserSummary;
import com.aipasta.account.api.value.Role;
import com.aipasta.account.api.value.UserId;
import com.aipasta.common.PageRequest;
import com.aipasta.common.Pagination;
import com.aipasta.projections.account.CredentialsDocument;
import com.aipasta.projections.account.UserDocument;
import com.aipasta.query.wallet.WalletQueryHandlers;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

@Component
public class AccountQueryHandlers {

    private final MongoTemplate mongo;
    private static final String PREMIUM_PLAN = "premium";

    private final WalletQueryHandlers wallets;

    public AccountQueryHandlers(MongoTemplate mongo, WalletQueryHandlers wallets) {
        this.mongo = mongo;
        this.wallets = wallets;
    }

    /** Empty until both the profile and the wallet of the user are projected. */
    @QueryHandler
    public Optional<UserSummary> handle(FindUserQuery query) {
        String id = query.userId().value();
        return Optional.ofNullable(mongo.findById(id, UserDocument.class))
                .flatMap(user -> wallets.summaryOf(id).map(tokens -> new UserSummary(user.id(), user.email(),
                        user.name(), user.role(), servedPlan(user), user.dailyRequestLimit(), user.createdAt(),
                        tokens)));
    }

    /** Administrators and premium users are served as the premium plan, whatever plan their account records. */
    private static String servedPlan(UserDocument user) {
        return user.role() == Role.USER || user.role() == Role.GUEST ? user.plan() : PREMIUM_PLAN;
    }

    @QueryHandler
    public Optional<AdminUserView> handle(FindAdminUserQuery query) {
        return Optional.ofNullable(mongo.findById(query.userId().value(), UserDocument.class)).map(this::adminView);
    }

    @QueryHandler
    public UserPage handle(FindUsersQuery query) {
        List<Criteria> filters = new ArrayList<>(List.of(Criteria.where("deleted").is(false)));
        if (query.search() != null && !query.search().isBlank()) {
            Pattern part = Pattern.compile(Pattern.quote(query.search().strip()), Pattern.CASE_INSENSITIVE);
            filters.add(new Criteria().orOperator(Criteria.where("email").regex(part), Criteria.where("name").regex(part)));
        }
        if (query.role() != null) {
            filters.add(Criteria.where("role").is(query.role()));
        }
        if (query.plan() != null) {
            filters.add(Criteria.where("plan").is(query.plan()));
        }
        if (query.active() != null) {
            filters.add(Criteria.where("active").is(query.active()));
        }
        Query matching = Query.query(new Criteria().andOperator(filters));
        long total = mongo.count(matching, UserDocument.class);
        PageRequest page = query.pageRequest();
        List<AdminUserView> users = mongo.find(Query.of(matching)
                        .with(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("_id")))
                        .skip(page.offset()).limit(page.limit()), UserDocument.class)
                .stream().map(this::adminView).toList();
        return new UserPage(users, Pagination.of(page.page(), page.limit(), total));
    }

    @QueryHandler
    public ExpiredSubscriptions handle(FindExpiredSubscriptionsQuery query) {
        return new ExpiredSubscriptions(mongo.find(Query.query(Criteria.where("planValidUntil").lte(query.now())),
                UserDocument.class).stream().map(user -> new UserId(user.id())).toList());
    }

    @QueryHandler
    public Optional<Credentials> handle(FindCredentialsQuery query) {
        return Optional.ofNullable(mongo.findById(query.userId().value(), CredentialsDocument.class))
                .map(doc -> new Credentials(query.userId(), doc.passwordHash(), doc.role(), doc.active(),
                        doc.credentialsVersion()));
    }

    private AdminUserView adminView(UserDocument user) {
        return new AdminUserView(user.id(), user.email(), user.name(), user.role(), user.plan(), user.planValidUntil(),
                user.dailyRequestLimit(), user.active(), user.deleted(), user.createdAt(), user.lastActionAt(),
                user.lastSequence(), wallets.summaryOf(user.id()).orElse(null));
    }
}
