package com.aipasta.tool.api.query;

import com.aipasta.account.api.value.UserId;

/** The caller's uses of each tool, and everyone's. */
public record FindToolUsageQuery(UserId userId) {
}
