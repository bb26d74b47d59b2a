package com.aipasta.account.api.query;

import com.aipasta.common.Pagination;

import java.util.List;

public record UserPage(List<AdminUserView> users, Pagination pagination) {
}
