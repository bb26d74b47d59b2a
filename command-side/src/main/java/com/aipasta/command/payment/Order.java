package com.aipasta.command.payment;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.payment.api.command.ConfirmPaymentCommand;
import com.aipasta.payment.api.command.CreateOrderCommand;
import com.aipasta.payment.api.command.FailOrderCommand;
import com.aipasta.payment.api.event.OrderCreatedEvent;
import com.aipasta.payment.api.event.OrderFailedEvent;
import com.aipasta.payment.api.event.OrderPaidEvent;
import com.aipasta.payment.api.event.PaymentDiscrepancyEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One gateway order for a plan. It is paid at most once, whichever proof arrives first and however often each
 * is repeated; a proof that names another amount or currency is recorded as a discrepancy and pays nothing.
 */
@Aggregate(cache = "aggregateCache")
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
    private boolean failed;

    protected Order() {
    }

    @CommandHandler
    public Order(CreateOrderCommand command) {
        apply(new OrderCreatedEvent(command.orderId(), command.ownerId(), command.planId(), command.tokens(),
                command.amount(), command.currency(), command.planUpgrade(), command.validityDays(),
                command.createdAt()));
    }

    /** What a confirmation found: whether the order is paid, whose it is and how many tokens it is worth. */
    public record Payment(boolean paid, UserId ownerId, long tokens) {
    }

    @CommandHandler
    public Payment handle(ConfirmPaymentCommand command) {
        if (command.payer() != null && !command.payer().equals(ownerId)) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No such order");
        }
        if (paid) {
            return new Payment(true, ownerId, tokens);
        }
        boolean matches = (command.amount() == null || command.amount() == amount)
                && (command.currency() == null || command.currency().equalsIgnoreCase(currency));
        if (!matches) {
            apply(new PaymentDiscrepancyEvent(orderId, command.paymentId(), command.amount(), command.currency(),
                    command.source(), command.confirmedAt()));
            return new Payment(false, ownerId, tokens);
        }
        apply(new OrderPaidEvent(orderId, ownerId, command.paymentId(), tokens, planUpgrade, validityDays,
                command.source(), command.confirmedAt()));
        return new Payment(true, ownerId, tokens);
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
    void on(OrderPaidEvent event) {
        paid = true;
    }
}
