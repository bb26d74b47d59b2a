package com.aipasta.file.api.query;

import com.aipasta.account.api.value.UserId;

public record FindFileUsageQuery(UserId ownerId) {
}
