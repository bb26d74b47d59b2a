package com.aipasta.ops.projection;

import com.aipasta.ops.audit.WalletAudit;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read-model replays, parked events and the wallet audit, for administrators; the ops CLI offers the same. */
@RestController
@RequestMapping("/api/admin")
public class AdminProjectionController {

    private final Projections projections;
    private final WalletAudit audit;
    private final ParkedEvents parked;

    public AdminProjectionController(Projections projections, WalletAudit audit, ParkedEvents parked) {
        this.projections = projections;
        this.audit = audit;
        this.parked = parked;
    }

    @GetMapping("/projections")
    public Map<String, Object> projections() {
        return Map.of("events", projections.eventCount(), "projections", projections.statuses());
    }

    /** Answers at once with 202; follow the progress on {@code GET /api/admin/projections}. */
    @PostMapping("/projections/{name}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Map<String, List<Projections.Status>> replay(@PathVariable String name) {
        return Map.of("projections", projections.replay(name));
    }

    @GetMapping("/projections/parked")
    public Map<String, Object> parked(@RequestParam(defaultValue = Projections.ALL) String projection) {
        List<ParkedEvents.Parked> events = parked.list(projection);
        return Map.of("parked", events.size(), "events", events);
    }

    /** {@code name} is a projection or {@code all}; without {@code aggregateId} every parked sequence is retried. */
    @PostMapping("/projections/{name}/parked/retry")
    public ParkedEvents.Retried retryParked(@PathVariable String name,
                                            @RequestParam(required = false) String aggregateId) {
        return parked.retry(name, Optional.ofNullable(aggregateId));
    }

    /** Without {@code eventId} every parked event of the aggregate is dropped. */
    @DeleteMapping("/projections/{name}/parked/{aggregateId}")
    public Map<String, Integer> evictParked(@PathVariable String name, @PathVariable String aggregateId,
                                            @RequestParam(required = false) String eventId) {
        return Map.of("evicted", parked.evict(name, aggregateId, Optional.ofNullable(eventId)));
    }

    @GetMapping("/audit/wallets")
    public WalletAudit.Report auditWallets() {
        return audit.auditWallets();
    }
}
