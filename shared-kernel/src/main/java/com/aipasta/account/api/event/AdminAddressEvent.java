package com.aipasta.account.api.event;

public sealed interface AdminAddressEvent permits AdminAddressClaimedEvent {
}
