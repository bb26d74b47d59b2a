package com.aipasta.account.api.query;

import com.aipasta.account.api.value.Role;
import com.aipasta.common.PageRequest;

/**
 * Accounts that are not deleted, newest first. {@code search} matches part of the e-mail or the name, ignoring
 * case; every filter that is null matches everything.
 */
public record FindUsersQuery(String search, Role role, String plan, Boolean active, PageRequest pageRequest) {
}
