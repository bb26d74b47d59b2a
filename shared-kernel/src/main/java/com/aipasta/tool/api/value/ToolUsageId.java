package com.aipasta.tool.api.value;

import com.aipasta.account.api.value.UserId;
import com.aipasta.common.Require;

/** The record of one user's tool uses; its id is derived from the user's so it never collides with the account's. */
public record ToolUsageId(String value) {

    private static final String PREFIX = "tools-";

    public ToolUsageId {
        Require.text(value, "toolUsageId");
    }

    public static ToolUsageId of(UserId user) {
        return new ToolUsageId(PREFIX + user.value());
    }

    @Override
    public String toString() {
        return value;
    }
}
