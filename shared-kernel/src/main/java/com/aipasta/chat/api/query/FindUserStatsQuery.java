package com.aipasta.chat.api.query;

import com.aipasta.account.api.value.UserId;

public record FindUserStatsQuery(UserId ownerId) {
}
