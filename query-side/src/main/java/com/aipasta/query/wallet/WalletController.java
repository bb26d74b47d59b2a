package com.aipasta.query.wallet;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.common.PageRequest;
import com.aipasta.wallet.api.query.FindLedgerQuery;
import com.aipasta.wallet.api.query.FindWalletQuery;
import com.aipasta.wallet.api.query.LedgerPage;
import com.aipasta.wallet.api.query.WalletSummary;
import com.aipasta.wallet.api.query.WalletView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's wallet at {@code /api/user/wallet}; any wallet by owner at {@code /api/wallets/{userId}}, which
 * answers 404 for a wallet that is not the caller's unless the caller is an administrator.
 */
@RestController
public class WalletController {

    private final QueryGateway queries;

    public WalletController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/user/wallet")
    public WalletSummary ownWallet(Authentication caller) {
        return wallet(new UserId(caller.getName()));
    }

    @GetMapping("/api/user/wallet/ledger")
    public LedgerPage ownLedger(Authentication caller, @RequestParam(defaultValue = "1") int page,
                                @RequestParam(defaultValue = "20") int limit) {
        return ledger(new UserId(caller.getName()), page, limit);
    }

    @GetMapping("/api/wallets/{userId}")
    public WalletSummary walletOf(Authentication caller, @PathVariable String userId) {
        return wallet(visibleTo(caller, userId));
    }

    @GetMapping("/api/wallets/{userId}/ledger")
    public LedgerPage ledgerOf(Authentication caller, @PathVariable String userId,
                               @RequestParam(defaultValue = "1") int page,
                               @RequestParam(defaultValue = "20") int limit) {
        return ledger(visibleTo(caller, userId), page, limit);
    }

    private WalletSummary wallet(UserId owner) {
        return queries.query(new FindWalletQuery(owner), ResponseTypes.optionalInstanceOf(WalletView.class)).join()
                .map(WalletView::tokens)
                .orElseThrow(WalletController::notFound);
    }

    private LedgerPage ledger(UserId owner, int page, int limit) {
        wallet(owner);
        return queries.query(new FindLedgerQuery(owner, new PageRequest(page, limit)), LedgerPage.class).join();
    }

    private static UserId visibleTo(Authentication caller, String ownerId) {
        boolean admin = caller.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
        if (!admin && !caller.getName().equals(ownerId)) {
            throw notFound();
        }
        return new UserId(ownerId);
    }

    private static DomainException notFound() {
        return new DomainException(ErrorCode.NOT_FOUND, "No such wallet");
    }
}
