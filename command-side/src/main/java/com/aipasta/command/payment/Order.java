package com.aipasta.command.payment;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.payment.api.command.ConfirmPaymentCommand;
import com.aipasta.payment.api.command.CreateOrderCommand;
import com.aipasta.payment.api.command.FailOrderCommand;
import com.aipasta.payment.api.command.RefundOrderCommand;
import com.aipasta.payment.api.event.OrderCreatedEvent;
import com.aipasta.payment.api.event.OrderFailedEvent;
import com.aipasta.payment.api.event.OrderPaidEvent;
import com.aipasta.payment.api.event.OrderRefundedEvent;
import com.aipasta.payment.api.event.PaymentDiscrepancyEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One gateway order for a plan. It is paid at most once, whichever proof arrives first and however often each
 * is repeated; a proof that names another amount or currency is recorded as a discrepancy and pays nothing, and
 * that payment never pays the order afterwards, whatever proof of it comes later.
 */
@Aggregate(cache = "aggregateCache", lockFactory = "aggregateLocks")
public class Order {

    @AggregateIdentifier
    private String orderId;
    private UserId ownerId;
    private long tokens;
    private long amount;
    private String currency;
    private String planUpgrade;
    private Integer validityDays;
    private boolean paid;
    private String paidBy;
    private boolean failed;
    private long refundedAmount;
    private long refundedTokens;
    private final Set<String> refunds = new HashSet<>();
    private final Set<String> disputedPayments = new HashSet<>();

    protected Order() {
    }

    @CommandHandler
    public Order(CreateOrderCommand command) {
        apply(new OrderCreatedEvent(command.orderId(), command.ownerId(), command.planId(), command.tokens(),
                command.amount(), command.currency(), command.planUpgrade(), command.validityDays(),
                command.createdAt()));
    }

    /**
     * What a confirmation found: whether the order is paid, by which payment, whose it is and how many tokens it is
     * worth.
     */
    public record Payment(boolean paid, String paymentId, UserId ownerId, long tokens) {
    }

    @CommandHandler
    public Payment handle(ConfirmPaymentCommand command) {
        if (command.payer() != null && !command.payer().equals(ownerId)) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No such order");
        }
        if (paid) {
            return new Payment(true, paidBy, ownerId, tokens);
        }
        if (disputedPayments.contains(command.paymentId())) {
            return new Payment(false, null, ownerId, tokens);
        }
        boolean matches = (command.amount() == null || command.amount() == amount)
                && (command.currency() == null || command.currency().equalsIgnoreCase(currency));
        if (!matches) {
            apply(new PaymentDiscrepancyEvent(orderId, command.paymentId(), command.amount(), command.currency(),
                    command.source(), command.confirmedAt()));
            return new Payment(false, null, ownerId, tokens);
        }
        apply(new OrderPaidEvent(orderId, ownerId, command.paymentId(), tokens, planUpgrade, validityDays,
                command.source(), command.confirmedAt()));
        return new Payment(true, command.paymentId(), ownerId, tokens);
    }


    /** Whose tokens a refund takes back, and how many: none for a repeated refund or an unpaid order. */
    public record Refund(UserId ownerId, long tokens) {
    }

    @CommandHandler
    public Refund handle(RefundOrderCommand command) {
        if (!paid || refunds.contains(command.refundId())) {
            return new Refund(ownerId, 0);
        }
        long refundable = amount - refundedAmount;
        long refunded = Math.min(command.amount(), refundable);
        long worth = refunded == refundable ? tokens - refundedTokens : tokens * refunded / amount;
        apply(new OrderRefundedEvent(orderId, ownerId, command.refundId(), refunded, worth, command.refundedAt()));
        return new Refund(ownerId, worth);
    }

    @EventSourcingHandler
    void on(OrderRefundedEvent event) {
        refunds.add(event.refundId());
        refundedAmount += event.amount();
        refundedTokens += event.tokens();
    }

    @CommandHandler
    public void handle(FailOrderCommand command) {
        if (!paid && !failed) {
            apply(new OrderFailedEvent(orderId, command.paymentId(), command.reason(), command.failedAt()));
        }
    }

    @EventSourcingHandler
    void on(OrderFailedEvent event) {
        failed = true;
    }

    @EventSourcingHandler
    void on(OrderCreatedEvent event) {
        orderId = event.orderId();
        ownerId = event.ownerId();
        tokens = event.tokens();
        amount = event.amount();
        currency = event.currency();
        planUpgrade = event.planUpgrade();
        validityDays = event.validityDays();
    }

    @EventSourcingHandler
    void on(PaymentDiscrepancyEvent event) {
        disputedPayments.add(event.paymentId());
    }

    @EventSourcingHandler
    void on(OrderPaidEvent event) {
        paid = true;
        paidBy = event.paymentId();
    }
}
