package com.aipasta.command.chat.provider;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Turns one provider's event stream into listener calls: each {@code data:} payload in order, then the end of the
 * body. One instance per stream; a payload that is not valid JSON surfaces as {@link JsonProcessingException}.
 */
interface StreamDecoder {

    void onData(String data, ChatListener listener) throws JsonProcessingException;

    void onEndOfBody(ChatListener listener);
}
