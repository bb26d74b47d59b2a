package com.aipasta.ops.storage.privacy;

import com.aipasta.command.privacy.PersonalDataKeys;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Set;
import java.util.function.Supplier;

/**
 * Wraps the serializers that write to the database (events and dead letters, snapshots, sagas and tokens) in the
 * {@link PersonalDataSerializer}. The serializer of messages in flight is left as it is: nothing stores it.
 */
@Configuration(proxyBeanMethods = false)
public class PersonalDataConfiguration {

    private static final Set<String> STORING_SERIALIZERS = Set.of("serializer", "eventSerializer");

    @Bean
    static BeanPostProcessor personalDataSerializers(ObjectProvider<PersonalDataKeys> keys) {
        FieldCipher cipher = new FieldCipher(once(keys::getObject));
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof JacksonSerializer jackson && STORING_SERIALIZERS.contains(name)) {
                    return new PersonalDataSerializer(jackson, cipher);
                }
                return bean;
            }
        };
    }

    /** The key store is looked up at first use: it needs the database, which needs beans made after this one. */
    private static <T> Supplier<T> once(Supplier<T> lookup) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T current = value;
                if (current == null) {
                    current = lookup.get();
                    value = current;
                }
                return current;
            }
        };
    }
}
