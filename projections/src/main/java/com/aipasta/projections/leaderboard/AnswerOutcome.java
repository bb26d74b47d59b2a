package com.aipasta.projections.leaderboard;

public enum AnswerOutcome {
    GENERATING, COMPLETED, FAILED
}
