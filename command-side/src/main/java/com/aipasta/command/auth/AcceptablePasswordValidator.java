package com.aipasta.command.auth;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Spring builds this validator, so it gets the policy injected. */
public class AcceptablePasswordValidator
        implements ConstraintValidator<AcceptablePassword, AuthController.RegisterRequest> {

    private final PasswordPolicy policy;

    public AcceptablePasswordValidator(PasswordPolicy policy) {
        this.policy = policy;
    }

    @Override
    public boolean isValid(AuthController.RegisterRequest request, ConstraintValidatorContext context) {
        return policy.violation(request.password(), request.email(), request.name()).map(rule -> {
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(rule).addPropertyNode("password").addConstraintViolation();
            return false;
        }).orElse(true);
    }
}
