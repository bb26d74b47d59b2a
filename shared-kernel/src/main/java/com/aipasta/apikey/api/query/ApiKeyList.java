package com.aipasta.apikey.api.query;

import java.util.List;

public record ApiKeyList(List<ApiKeyView> apiKeys) {
}
