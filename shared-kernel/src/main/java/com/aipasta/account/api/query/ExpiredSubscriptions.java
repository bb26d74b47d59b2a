package com.aipasta.account.api.query;

import com.aipasta.account.api.value.UserId;

import java.util.List;

public record ExpiredSubscriptions(List<UserId> users) {
}
