package com.aipasta.command.account;

import com.aipasta.account.api.command.ClaimAdminAddressCommand;
import com.aipasta.account.api.event.AdminAddressClaimedEvent;
import com.aipasta.account.api.value.UserId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An address listed in {@code ADMIN_EMAILS}: administration goes to the first account ever registered with it and to
 * no later one, so whoever registers the address after that account is deleted is an ordinary user.
 */
@Aggregate(cache = "aggregateCache", lockFactory = "aggregateLocks")
public class AdminAddress {

    @AggregateIdentifier
    private String addressId;
    private UserId owner;

    protected AdminAddress() {
    }

    /** The aggregate of the address with this keyed hash. */
    public static String idFor(String lookupHash) {
        return "admin-address-" + lookupHash;
    }

    /** Answers whether the account is the address's administrator. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public boolean handle(ClaimAdminAddressCommand command) {
        if (owner == null || owner.equals(command.replacing())) {
            apply(new AdminAddressClaimedEvent(command.addressId(), command.userId(), command.claimedAt()));
            return true;
        }
        return owner.equals(command.userId());
    }

    @EventSourcingHandler
    void on(AdminAddressClaimedEvent event) {
        addressId = event.addressId();
        owner = event.userId();
    }
}
