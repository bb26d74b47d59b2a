package com.aipasta.wallet.api.query;

import com.aipasta.common.Pagination;

import java.util.List;

public record LedgerPage(List<LedgerEntry> entries, Pagination pagination) {
}
