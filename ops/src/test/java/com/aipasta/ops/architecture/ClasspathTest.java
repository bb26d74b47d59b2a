package com.aipasta.ops.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The model providers and the payment gateway share one OkHttp: a second copy of its package would shadow it. */
class ClasspathTest {

    @Test
    void exactlyOneOkHttpIsOnTheClasspath() throws IOException {
        List<URL> copies = Collections.list(getClass().getClassLoader().getResources("okhttp3/OkHttpClient.class"));

        assertThat(copies).hasSize(1);
        assertThat(copies.get(0).toString()).contains("okhttp-jvm-5.");
    }
}
