package com.aipasta.command.payment;

import com.aipasta.account.api.query.UserSummary;
import com.aipasta.account.api.value.UserId;
import com.aipasta.command.auth.AccessToken;
import com.aipasta.command.config.AggregateReads;
import com.aipasta.command.http.ReadModels;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.common.InputRules;
import com.aipasta.payment.api.command.ConfirmPaymentCommand;
import com.aipasta.payment.api.command.CreateOrderCommand;
import com.aipasta.payment.api.command.FailOrderCommand;
import com.aipasta.payment.api.command.RefundOrderCommand;
import com.aipasta.payment.api.query.PlanView;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Buying a plan with Razorpay: an order is created at the gateway, then paid when either the checkout's signed
 * answer ({@code verify-payment}) or a signed webhook proves the payment. Both credit the order's tokens; the
 * order is paid once and the wallet credits each order once, so repeats and races credit nothing more.
 */
@RestController
public class PaymentController {

    static final String WEBHOOK_EVENTS = "payment_webhook_events";
    private static final String CHECKOUT = "checkout";
    private static final String WEBHOOK = "webhook";
    private static final String PAYMENT_FAILED = "payment.failed";

    public record Verification(@JsonProperty("razorpay_order_id") @NotBlank String orderId,
                               @JsonProperty("razorpay_payment_id") @NotBlank String paymentId,
                               @JsonProperty("razorpay_signature") @NotBlank String signature) {
    }

    private final CommandGateway commands;
    private final Repository<Plan> plans;
    private final ReadModels readModels;
    private final RazorpayOrders gateway;
    private final RazorpayProperties razorpay;
    private final MongoTemplate mongo;
    private final ObjectMapper json;
    private final Clock clock;

    public PaymentController(CommandGateway commands, Repository<Plan> plans, ReadModels readModels,
                             RazorpayOrders gateway, RazorpayProperties razorpay, MongoTemplate mongo,
                             ObjectMapper json, Clock clock) {
        this.commands = commands;
        this.plans = plans;
        this.readModels = readModels;
        this.gateway = gateway;
        this.razorpay = razorpay;
        this.mongo = mongo;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping("/api/plans/{planId}/create-order")
    public Map<String, Object> createOrder(@AuthenticationPrincipal AccessToken buyer, @PathVariable String planId) {
        PlanView plan = AggregateReads.read(plans, planId, Plan::view, "No such plan");
        if (!plan.active()) {
            throw new DomainException(ErrorCode.NOT_FOUND, "No such plan");
        }
        RazorpayOrders.GatewayOrder order = gateway.create(plan.amount(), plan.currency(),
                "rcpt_" + UUID.randomUUID().toString().substring(0, 18),
                Map.of("planId", plan.id(), "userId", buyer.userId().value()));
        commands.sendAndWait(new CreateOrderCommand(order.id(), buyer.userId(), plan.id(), plan.tokens(),
                plan.amount(), plan.currency(), plan.planUpgrade(), plan.validityDays(), clock.instant()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("orderId", order.id());
        answer.put("amount", plan.amount());
        answer.put("currency", plan.currency());
        answer.put("keyId", razorpay.keyId());
        answer.put("plan", plan);
        return answer;
    }

    @PostMapping("/api/plans/{planId}/verify-payment")
    public Map<String, UserSummary> verifyPayment(@AuthenticationPrincipal AccessToken buyer,
                                                  @PathVariable String planId,
                                                  @Valid @RequestBody Verification verification) {
        if (!Signatures.validCheckout(verification.orderId(), verification.paymentId(), verification.signature(),
                razorpay.keySecret())) {
            throw new DomainException(ErrorCode.INVALID_SIGNATURE, "The payment signature does not match");
        }
        Order.Payment payment = confirm(new ConfirmPaymentCommand(verification.orderId(), buyer.userId(),
                verification.paymentId(), null, null, CHECKOUT, clock.instant()));
        if (!payment.paid()) {
            throw new DomainException(ErrorCode.CONFLICT, "The payment does not match the order");
        }
        return Map.of("user", credit(verification.orderId(), payment));
    }

    /** Public: Razorpay signs the raw body; events are handled once per {@code x-razorpay-event-id}. */
    @PostMapping("/api/plans/webhook")
    public Map<String, Object> webhook(@RequestBody String body,
                                       @RequestHeader(name = "X-Razorpay-Signature", required = false) String signature,
                                       @RequestHeader(name = "x-razorpay-event-id", required = false) String eventId)
            throws IOException {
        if (!Signatures.validWebhook(body, signature, razorpay.webhookKey())) {
            throw new DomainException(ErrorCode.INVALID_SIGNATURE, "The webhook signature does not match");
        }
        if (eventId != null && mongo.exists(Query.query(Criteria.where("_id").is(eventId)), WEBHOOK_EVENTS)) {
            return Map.of("handled", false, "reason", "duplicate");
        }
        JsonNode event = webhookEvent(body);
        String type = event.path("event").asText();
        JsonNode payment = event.path("payload").path("payment").path("entity");
        String orderId = payment.path("order_id").asText(event.path("payload").path("order").path("entity")
                .path("id").asText(null));
        boolean pays = "payment.captured".equals(type) || "order.paid".equals(type);
        boolean refunds = "refund.processed".equals(type) || "payment.refunded".equals(type);
        if (!(pays || refunds || PAYMENT_FAILED.equals(type)) || orderId == null || orderId.isBlank()) {
            return Map.of("handled", false, "reason", "ignored");
        }
        try {
            if (refunds) {
                JsonNode refund = event.path("payload").path("refund").path("entity");
                String refundId = refundId(refund);
                Order.Refund refunded = commands.sendAndWait(new RefundOrderCommand(orderId, refundId,
                        refund.path("amount").asLong(), clock.instant()));
                if (refunded.tokens() > 0) {
                    long version = commands.sendAndWait(PaymentCreditPolicy.revoke(refunded.ownerId(), orderId,
                            refundId, refunded.tokens(), clock.instant()));
                    readModels.awaitWallet(refunded.ownerId(), version);
                }
                return remember(eventId, type);
            }
            if (!pays) {
                commands.sendAndWait(new FailOrderCommand(orderId, payment.path("id").asText(null),
                        payment.path("error_description").asText(null), clock.instant()));
                return remember(eventId, type);
            }
            Order.Payment paid = confirm(new ConfirmPaymentCommand(orderId, null, payment.path("id").asText(type),
                    payment.has("amount") ? payment.path("amount").asLong() : null,
                    payment.has("currency") ? payment.path("currency").asText() : null, WEBHOOK, clock.instant()));
            if (paid.paid()) {
                credit(orderId, paid);
            }
        } catch (AggregateNotFoundException unknownOrder) {
            return Map.of("handled", false, "reason", "unknown order");
        }
        return remember(eventId, type);
    }

    /** A signed body is still the sender's word: it must be a JSON object whose texts a command can carry. */
    private JsonNode webhookEvent(String body) {
        JsonNode event;
        try {
            event = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new DomainException(ErrorCode.MALFORMED_REQUEST, "The webhook body is not valid JSON");
        }
        if (event == null || !event.isObject()) {
            throw new DomainException(ErrorCode.MALFORMED_REQUEST, "The webhook body is not a JSON object");
        }
        checkTexts(event, "body");
        return event;
    }

    private static void checkTexts(JsonNode node, String path) {
        if (node.isTextual()) {
            InputRules.text(node.textValue(), path);
        }
        node.fields().forEachRemaining(field -> {
            InputRules.text(field.getKey(), path);
            checkTexts(field.getValue(), path + "." + field.getKey());
        });
        for (int i = 0; node.isArray() && i < node.size(); i++) {
            checkTexts(node.get(i), path + "[" + i + "]");
        }
    }

    /** Refunds are told apart by their id, so one without an id could only be mistaken for another. */
    private static String refundId(JsonNode refund) {
        JsonNode id = refund.path("id");
        if (!id.isTextual() || id.asText().isBlank()) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "The refund names no id",
                    Map.of("payload.refund.entity.id", "is required"));
        }
        return id.asText();
    }

    private Map<String, Object> remember(String eventId, String type) {
        if (eventId != null) {
            try {
                mongo.insert(new Document("_id", eventId).append("event", type).append("at", clock.instant()),
                        WEBHOOK_EVENTS);
            } catch (DuplicateKeyException concurrentCopy) {
                // another copy of the same event was handled alongside; the order made it count once
            }
        }
        return Map.of("handled", true);
    }

    private Order.Payment confirm(ConfirmPaymentCommand command) {
        return commands.sendAndWait(command);
    }

    private UserSummary credit(String orderId, Order.Payment payment) {
        UserId owner = payment.ownerId();
        long version = commands.sendAndWait(PaymentCreditPolicy.credit(owner, orderId, payment.paymentId(), payment.tokens(),
                clock.instant()));
        readModels.awaitWallet(owner, version);
        return readModels.requireUser(owner);
    }
}
