package com.aipasta.common;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the user id whose personal data a message or state holds: its {@link PersonalData} fields, including those of
 * nested values, are encrypted under that user's key. Every type holding personal data names exactly one.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface DataSubject {
}
