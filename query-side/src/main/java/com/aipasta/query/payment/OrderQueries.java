package com.aipasta.query.payment;

import com.aipasta.common.Pagination;
import com.aipasta.common.PageRequest;
import com.aipasta.payment.api.query.FindOrdersQuery;
import com.aipasta.payment.api.query.OrderPage;
import com.aipasta.payment.api.query.OrderView;
import com.aipasta.projections.payment.OrderDocument;
import com.aipasta.query.InstantRange;
import jakarta.validation.constraints.Pattern;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/** Payment histories: the caller's own orders, and every order for administrators. */
@RestController
public class OrderQueries {

    private final MongoTemplate mongo;
    private final QueryGateway queries;

    public OrderQueries(MongoTemplate mongo, QueryGateway queries) {
        this.mongo = mongo;
        this.queries = queries;
    }

    @GetMapping("/api/user/payments")
    public OrderPage ownPayments(Authentication caller, @RequestParam(defaultValue = "1") int page,
                                 @RequestParam(defaultValue = "20") int limit) {
        return queries.query(new FindOrdersQuery(caller.getName(), null, null, null, new PageRequest(page, limit)),
                OrderPage.class).join();
    }

    @GetMapping("/api/admin/payments")
    public OrderPage allPayments(@RequestParam(required = false)
                                 @Pattern(regexp = "created|paid|failed|discrepancy",
                                         message = "must be created, paid, failed or discrepancy") String status,
                                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                                 Instant from,
                                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                                 Instant to,
                                 @RequestParam(defaultValue = "1") int page,
                                 @RequestParam(defaultValue = "20") int limit) {
        return queries.query(new FindOrdersQuery(null, status, from, to, new PageRequest(page, limit)),
                OrderPage.class).join();
    }

    @QueryHandler
    public OrderPage handle(FindOrdersQuery query) {
        Criteria criteria = new Criteria();
        if (query.userId() != null) {
            criteria = criteria.and("userId").is(query.userId());
        }
        if (query.status() != null) {
            criteria = criteria.and("status").is(query.status());
        }
        InstantRange.restrict(criteria, "createdAt", query.from(), query.to());
        long total = mongo.count(Query.query(criteria), OrderDocument.class);
        PageRequest page = query.pageRequest();
        return new OrderPage(mongo.find(Query.query(criteria).with(Sort.by(Sort.Direction.DESC, "createdAt"))
                        .skip(page.offset()).limit(page.limit()), OrderDocument.class).stream()
                .map(order -> new OrderView(order.id(), order.userId(), order.planId(), order.tokens(), order.amount(),
                        order.currency(), order.status(), order.paymentId(), order.createdAt(), order.updatedAt()))
                .toList(),
                Pagination.of(page.page(), page.limit(), total));
    }
}
