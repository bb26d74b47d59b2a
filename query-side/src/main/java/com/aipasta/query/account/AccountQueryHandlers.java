package com.aipasta.query.account;

import com.aipasta.account.api.query.Credentials;
import com.aipasta.account.api.query.ExpiredSubscriptions;
import com.aipasta.account.api.query.FindExpiredSubscriptionsQuery;
import com.aipasta.account.api.query.FindCredentialsQuery;
import com.aipasta.account.api.query.FindUserQuery;
import com.aipasta.account.api.query.UserSummary;
import com.aipasta.account.api.value.UserId;
import com.aipasta.projections.account.CredentialsDocument;
import com.aipasta.projections.account.UserDocument;
import com.aipasta.query.wallet.WalletQueryHandlers;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.util.Optional;

@Component
public class AccountQueryHandlers {

    private final MongoTemplate mongo;
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
                        user.name(), user.role(), user.plan(), user.createdAt(), tokens)));
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
}
