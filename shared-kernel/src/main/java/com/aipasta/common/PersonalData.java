package com.aipasta.common;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a text field that holds personal data. Crypto-shredding encrypts it under the key of the type's
 * {@link DataSubject}, so deleting that key erases it from the immutable log; once erased it reads as
 * {@link #erasedAs()}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface PersonalData {

    String ERASED = "[deleted]";

    /** What the field reads as once its owner's key is deleted. */
    String erasedAs() default ERASED;
}
