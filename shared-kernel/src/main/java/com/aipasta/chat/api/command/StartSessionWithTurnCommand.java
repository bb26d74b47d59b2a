package com.aipasta.chat.api.command;

import com.aipasta.common.DomainException;
import com.aipasta.common.ErrorCode;
import com.aipasta.common.Require;

import java.util.Map;

/** Starts a session with its first turn, recorded together: a new session's first answer costs one append. */
public record StartSessionWithTurnCommand(StartSessionCommand session, StartTurnCommand turn) {

    public StartSessionWithTurnCommand {
        Require.present(session, "session");
        Require.present(turn, "turn");
        if (!turn.sessionId().equals(session.sessionId()) || !turn.ownerId().equals(session.ownerId())) {
            throw new DomainException(ErrorCode.VALIDATION_FAILED, "The turn must be of the session it starts",
                    Map.of("turn", "must name the session and its owner"));
        }
    }
}
