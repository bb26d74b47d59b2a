package com.aipasta.query.account;

import com.aipasta.account.api.query.AdminUserView;
import com.aipasta.account.api.query.FindAdminUserQuery;
import com.aipasta.account.api.query.FindUsersQuery;
import com.aipasta.account.api.query.UserPage;
import com.aipasta.account.api.value.Role;
import com.aipasta.account.api.value.UserId;
import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.common.PageRequest;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

@RestController
@RequestMapping("/api/admin/users")
public class AdminUserQueries {

    private static final Set<String> PLANS = Set.of("free", "premium");

    private final QueryGateway queries;

    public AdminUserQueries(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping
    public UserPage users(@RequestParam(required = false) String search, @RequestParam(required = false) String role,
                          @RequestParam(required = false) String plan, @RequestParam(required = false) Boolean active,
                          @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "20") int limit) {
        if (plan != null && !PLANS.contains(plan)) {
            throw invalid("plan", "must be free or premium");
        }
        return queries.query(new FindUsersQuery(search, role == null ? null : roleOf(role), plan, active,
                new PageRequest(page, limit)), UserPage.class).join();
    }

    @GetMapping("/{userId}")
    public Map<String, AdminUserView> user(@PathVariable String userId) {
        return Map.of("user", queries.query(new FindAdminUserQuery(new UserId(userId)),
                        ResponseTypes.optionalInstanceOf(AdminUserView.class)).join()
                .orElseThrow(() -> new DomainException(ErrorCode.NOT_FOUND, "No such user")));
    }

    private static Role roleOf(String role) {
        try {
            return Role.valueOf(role.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid("role", "must be user, premium or admin");
        }
    }

    private static DomainException invalid(String field, String problem) {
        return new DomainException(ErrorCode.VALIDATION_FAILED, field + " " + problem, Map.of(field, problem));
    }
}
