package com.aipasta.chat.api.value;

import com.aipasta.common.Require;

public record SessionId(String value) {

    public SessionId {
        Require.text(value, "sessionId");
    }

    @Override
    public String toString() {
        return value;
    }
}
