package com.aipasta.ops.audit;

import com.aipasta.projections.wallet.LedgerEntryDocument;
import com.aipasta.projections.wallet.WalletDocument;
import com.aipasta.wallet.api.value.WalletId;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares every wallet folded from its events with the wallet projection and its ledger. A mismatch names the
 * wallet, what differs, what the events say and what the projection holds.
 */
@Component
public class WalletAudit {

    public record Mismatch(String walletId, String ownerId, String field, Object fromEvents, Object projected) {
    }

    public record Report(int walletsChecked, int walletsMismatched, List<Mismatch> mismatches) {

        public boolean clean() {
            return mismatches.isEmpty();
        }
    }

    private final WalletEvents events;
    private final MongoTemplate mongo;

    public WalletAudit(WalletEvents events, MongoTemplate mongo) {
        this.events = events;
        this.mongo = mongo;
    }

    public Report auditWallets() {
        List<Mismatch> mismatches = new ArrayList<>();
        Set<String> audited = new TreeSet<>();
        for (WalletId wallet : events.walletIds()) {
            String owner = wallet.owner().value();
            audited.add(owner);
            compare(wallet, owner, events.history(wallet), mismatches);
        }
        for (WalletDocument projected : mongo.findAll(WalletDocument.class)) {
            if (!audited.contains(projected.id())) {
                mismatches.add(new Mismatch(projected.walletId(), projected.id(), "wallet", null, "present"));
            }
        }
        long mismatched = mismatches.stream().map(Mismatch::walletId).distinct().count();
        return new Report(audited.size(), (int) mismatched, mismatches);
    }

    private void compare(WalletId wallet, String owner, WalletHistory history, List<Mismatch> mismatches) {
        WalletDocument projected = mongo.findById(owner, WalletDocument.class);
        if (projected == null) {
            mismatches.add(new Mismatch(wallet.value(), owner, "wallet", "present", null));
            return;
        }
        WalletHistory.Balance folded = history.balance();
        Map<String, Object[]> fields = new LinkedHashMap<>();
        fields.put("freeTokens", new Object[]{folded.freeTokens(), projected.freeTokens()});
        fields.put("purchasedTokens", new Object[]{folded.purchasedTokens(), projected.purchasedTokens()});
        fields.put("usedTokens", new Object[]{folded.usedTokens(), projected.usedTokens()});
        fields.put("reserved", new Object[]{folded.reserved(), projected.reserved()});
        fields.put("lastSequence", new Object[]{folded.lastSequence(), projected.lastSequence()});
        fields.forEach((field, values) -> {
            if (!Objects.equals(values[0], values[1])) {
                mismatches.add(new Mismatch(wallet.value(), owner, field, values[0], values[1]));
            }
        });
        compareLedger(wallet, owner, history.ledger(), mismatches);
    }

    private void compareLedger(WalletId wallet, String owner, List<WalletHistory.Line> lines,
                               List<Mismatch> mismatches) {
        Map<Long, LedgerEntryDocument> projected = new HashMap<>();
        mongo.find(Query.query(Criteria.where("ownerId").is(owner)).with(Sort.by("sequence")),
                LedgerEntryDocument.class).forEach(entry -> projected.put(entry.sequence(), entry));
        for (WalletHistory.Line line : lines) {
            LedgerEntryDocument entry = projected.remove(line.sequence());
            String field = "ledger[" + line.sequence() + "]";
            if (entry == null) {
                mismatches.add(new Mismatch(wallet.value(), owner, field, describe(line), null));
            } else if (entry.type() != line.type() || entry.amount() != line.amount()
                    || entry.balanceAfter() != line.balanceAfter() || !Objects.equals(entry.reference(),
                    line.reference())) {
                mismatches.add(new Mismatch(wallet.value(), owner, field, describe(line), describe(entry)));
            }
        }
        projected.values().forEach(extra -> mismatches.add(new Mismatch(wallet.value(), owner,
                "ledger[" + extra.sequence() + "]", null, describe(extra))));
    }

    private static String describe(WalletHistory.Line line) {
        return line.type() + " " + line.amount() + " -> " + line.balanceAfter() + " (" + line.reference() + ")";
    }

    private static String describe(LedgerEntryDocument entry) {
        return entry.type() + " " + entry.amount() + " -> " + entry.balanceAfter() + " (" + entry.reference() + ")";
    }
}
