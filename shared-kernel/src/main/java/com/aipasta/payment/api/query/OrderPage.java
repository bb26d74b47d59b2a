package com.aipasta.payment.api.query;

import com.aipasta.common.Pagination;

import java.util.List;

public record OrderPage(List<OrderView> orders, Pagination pagination) {
}
