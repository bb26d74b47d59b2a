package com.aipasta.command.chat.provider;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * The vectors of an embedding call, one per input in the order of the inputs; {@code promptTokens} is what the
 * provider reported it read, null when it reports no usage.
 */
public record Embeddings(List<double[]> vectors, Long promptTokens) {

    public Embeddings {
        vectors = List.copyOf(vectors);
    }

    /** Reads one vector: an array of numbers, or a failure naming the provider. */
    static double[] vector(String provider, JsonNode values) {
        if (!values.isArray() || values.isEmpty()) {
            throw ProviderFailures.malformed(provider, "an embedding that is not an array of numbers", null);
        }
        double[] vector = new double[values.size()];
        for (int i = 0; i < vector.length; i++) {
            if (!values.get(i).isNumber()) {
                throw ProviderFailures.malformed(provider, "an embedding that is not an array of numbers", null);
            }
            vector[i] = values.get(i).doubleValue();
        }
        return vector;
    }

    /** Checks that the provider answered one vector per input. */
    static Embeddings of(String provider, int inputs, List<double[]> vectors, Long promptTokens) {
        if (vectors.size() != inputs || vectors.contains(null)) {
            throw ProviderFailures.malformed(provider, "no embedding for every one of the " + inputs + " inputs", null);
        }
        return new Embeddings(vectors, promptTokens);
    }
}
