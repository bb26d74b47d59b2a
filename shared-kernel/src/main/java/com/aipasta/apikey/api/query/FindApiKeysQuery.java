package com.aipasta.apikey.api.query;

import com.aipasta.account.api.value.UserId;

/** The owner's keys that are not revoked, newest first. */
public record FindApiKeysQuery(UserId ownerId) {
}
