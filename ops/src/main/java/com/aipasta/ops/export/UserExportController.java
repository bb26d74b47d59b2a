package com.aipasta.ops.export;

import com.aipasta.account.api.query.FindProfileQuery;
import com.aipasta.account.api.query.FindUserQuery;
import com.aipasta.account.api.query.ProfileView;
import com.aipasta.account.api.query.UserSummary;
import com.aipasta.account.api.value.UserId;
import com.aipasta.command.auth.AccessToken;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.ops.cli.EventExport;
import com.aipasta.projections.apikey.ApiKeyDocument;
import com.aipasta.projections.chat.ChatMessageDocument;
import com.aipasta.projections.chat.ChatSessionDocument;
import com.aipasta.projections.payment.OrderDocument;
import com.aipasta.projections.prompt.PromptGenerationDocument;
import com.aipasta.projections.template.TemplateDocument;
import com.aipasta.projections.wallet.LedgerEntryDocument;
import com.aipasta.query.chat.ChatQueryHandlers;
import com.aipasta.tool.api.value.ToolUsageId;
import com.aipasta.wallet.api.value.WalletId;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Everything the platform holds about the caller, in one JSON document: the profile and account, every session with
 * its messages, the wallet and its whole ledger, payments, API key metadata (never a key or its hash), templates,
 * prompt generations, and the events of the caller's own aggregates as stored (without password hashes).
 */
@RestController
public class UserExportController {

    private final MongoTemplate mongo;
    private final QueryGateway queries;
    private final EventExport events;
    private final Clock clock;

    public UserExportController(MongoTemplate mongo, QueryGateway queries, EventExport events, Clock clock) {
        this.mongo = mongo;
        this.queries = queries;
        this.events = events;
        this.clock = clock;
    }

    @GetMapping("/api/user/export")
    public ResponseEntity<Map<String, Object>> export(@AuthenticationPrincipal AccessToken caller) {
        UserId userId = caller.userId();
        String owner = userId.value();
        ProfileView profile = queries.query(new FindProfileQuery(userId),
                ResponseTypes.optionalInstanceOf(ProfileView.class)).join()
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No such user"));
        UserSummary user = queries.query(new FindUserQuery(userId),
                ResponseTypes.optionalInstanceOf(UserSummary.class)).join().orElse(null);
        List<ChatSessionDocument> sessions = mongo.find(Query.query(Criteria.where("ownerId").is(owner)),
                ChatSessionDocument.class);
        Map<String, List<ChatMessageDocument>> messages = mongo.find(Query.query(Criteria.where("ownerId").is(owner))
                        .with(Sort.by("createdAt", "_id")), ChatMessageDocument.class).stream()
                .collect(Collectors.groupingBy(ChatMessageDocument::sessionId, LinkedHashMap::new,
                        Collectors.toList()));
        List<OrderDocument> orders = mongo.find(Query.query(Criteria.where("userId").is(owner)), OrderDocument.class);
        List<ApiKeyDocument> apiKeys = mongo.find(Query.query(Criteria.where("ownerId").is(owner)),
                ApiKeyDocument.class);
        Sort newestFirst = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("_id"));
        List<TemplateDocument> templates = mongo.find(Query.query(Criteria.where("ownerId").is(owner))
                .with(newestFirst), TemplateDocument.class);
        List<PromptGenerationDocument> generations = mongo.find(Query.query(Criteria.where("ownerId").is(owner))
                .with(newestFirst), PromptGenerationDocument.class);

        Map<String, Object> document = new LinkedHashMap<>();
        document.put("exportedAt", clock.instant());
        document.put("profile", profile);
        document.put("account", user);
        document.put("sessions", sessions.stream().map(session -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("session", ChatQueryHandlers.summary(session));
            entry.put("deleted", session.deleted());
            entry.put("messages", messages.getOrDefault(session.id(), List.of()).stream()
                    .map(ChatQueryHandlers::view).toList());
            return entry;
        }).toList());
        document.put("wallet", Map.of("ledger", mongo.find(Query.query(Criteria.where("ownerId").is(owner))
                .with(Sort.by(Sort.Direction.ASC, "sequence")), LedgerEntryDocument.class)));
        document.put("payments", orders);
        document.put("apiKeys", apiKeys);
        document.put("templates", templates);
        document.put("promptGenerations", generations);
        List<String> aggregates = new ArrayList<>(List.of(owner, WalletId.of(userId).value(),
                ToolUsageId.of(userId).value()));
        sessions.forEach(session -> aggregates.add(session.id()));
        orders.forEach(order -> aggregates.add(order.id()));
        apiKeys.forEach(key -> aggregates.add(key.id()));
        templates.forEach(template -> aggregates.add(template.id()));
        generations.forEach(generation -> aggregates.add(generation.id()));
        document.put("events", events.events(aggregates));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"aipasta-export-" + owner + ".json\"")
                .body(document);
    }
}
