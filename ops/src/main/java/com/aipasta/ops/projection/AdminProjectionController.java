package com.aipasta.ops.projection;

import com.aipasta.ops.audit.WalletAudit;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** Read-model replays and the wallet audit, for administrators; the ops CLI offers the same. */
@RestController
@RequestMapping("/api/admin")
public class AdminProjectionController {

    private final Projections projections;
    private final WalletAudit audit;

    public AdminProjectionController(Projections projections, WalletAudit audit) {
        this.projections = projections;
        this.audit = audit;
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

    @GetMapping("/audit/wallets")
    public WalletAudit.Report auditWallets() {
        return audit.auditWallets();
    }
}
