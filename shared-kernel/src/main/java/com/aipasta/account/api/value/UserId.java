package com.aipasta.account.api.value;

import com.aipasta.common.Require;

public record UserId(String value) {

    public UserId {
        Require.text(value, "userId");
    }

    @Override
    public String toString() {
        return value;
    }
}
