package com.aipasta.payment.api.query;

import java.util.List;

public record PlanList(List<PlanView> plans) {
}
