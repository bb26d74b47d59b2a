package com.aipasta.account.api.query;

import com.aipasta.account.api.value.UserId;

public record FindProfileQuery(UserId userId) {
}
